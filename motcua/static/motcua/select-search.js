// A search box before each <select data-search>: typing narrows the options, ignoring case
// and Vietnamese diacritics ("loc thuan" finds "Xã Lộc Thuận").
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }
  document.querySelectorAll("select[data-search]").forEach(function (select, index) {
    var box = document.createElement("input");
    box.type = "search";
    box.id = "tim-" + (select.id || index);
    box.className = "select-search";
    box.setAttribute("aria-label", "Tìm nhanh trong danh sách: " + (select.labels && select.labels[0] ? select.labels[0].textContent.trim() : ""));
    box.placeholder = "Gõ để tìm nhanh…";
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var firstMatch = null;
      select.querySelectorAll("option").forEach(function (option) {
        if (!option.value) return;
        var name = fold(option.textContent);
        var match = words.every(function (w) { return name.indexOf(w) >= 0; });
        option.hidden = !match;
        if (match && !firstMatch) firstMatch = option;
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      if (firstMatch && words.length) select.value = firstMatch.value;
    });
  });
})();
