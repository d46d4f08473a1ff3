// The lookup form answers with the status page itself (a POST): give the page its own address,
// so that a reload or a bookmark opens the status page instead of sending the form again.
(function () {
  var address = document.currentScript && document.currentScript.getAttribute("data-address");
  if (address && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", address);
  }
})();
