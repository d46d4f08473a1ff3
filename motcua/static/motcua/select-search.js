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
// A search box before each list marked data-filter-list (the centres receiving a procedure):
// typing keeps the matching names and opens their groups.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
  }
  document.querySelectorAll("[data-filter-list]").forEach(function (list, index) {
    var label = document.createElement("label");
    label.textContent = list.getAttribute("data-filter-list");
    var box = document.createElement("input");
    box.type = "search";
    box.id = "loc-" + index;
    box.className = "select-search";
    label.setAttribute("for", box.id);
    list.parentNode.insertBefore(label, list);
    list.parentNode.insertBefore(box, list);
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      list.querySelectorAll("details").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("li").forEach(function (item) {
          var name = fold(item.textContent);
          var match = words.every(function (w) { return name.indexOf(w) >= 0; });
          item.hidden = !match;
          if (match) shown += 1;
        });
        group.hidden = shown === 0;
        if (words.length) group.open = shown > 0;
      });
    });
  });
})();
