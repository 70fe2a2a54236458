// Shows the print button (hidden without JavaScript, since it cannot work
// then) and prints the page when it is pressed.
document.querySelectorAll(".print-button-row").forEach(function (row) {
  row.hidden = false;
  row.querySelector(".print-button").addEventListener("click", function () {
    window.print();
  });
});
