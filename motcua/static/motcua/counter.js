// The counter: small conveniences on top of pages that work without JavaScript.
(function () {
  "use strict";

  // Printed forms: a real button for window.print(); without JS the hint says Ctrl+P.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
    if (button.hasAttribute("autofocus")) { button.focus(); }
  });

  var form = document.getElementById("intake-form");
  if (!form) { return; }

  // Enter submits from anywhere, including a ticked checkbox of the checklist.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && target.type === "checkbox") {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // Documents of another case are not asked for: hide them when a case is chosen.
  var caseSelect = form.querySelector("select[name=case]");
  function showCaseDocuments() {
    var chosen = caseSelect ? caseSelect.value : "";
    form.querySelectorAll("tr[data-case]").forEach(function (row) {
      row.hidden = row.getAttribute("data-case") !== chosen;
    });
  }
  if (caseSelect) {
    caseSelect.addEventListener("change", showCaseDocuments);
    showCaseDocuments();
  }
})();
