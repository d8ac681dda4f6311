/*
 * Keyboard access to Material's header on small screens, and a clean Tab order.
 *
 * Material draws the menu button as a <label for="…"> of a hidden checkbox: a mouse or finger
 * can use it, the Tab key cannot reach it. This makes it a button with a name and a state,
 * moves focus into the menu when it opens and lets Escape close it again. (The search field
 * itself is a Tab stop; focusing it opens the search.) Nothing here loads or sends anything.
 * Without JavaScript the page still works; only these keyboard aids are missing.
 */
(function () {
  "use strict";

  // Material clicks a focused label on Enter; a button also answers to Space.
  function clickOnSpace(label) {
    label.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        label.click();
      }
    });
  }

  function makeButton(label, toggle, name) {
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    clickOnSpace(label);
    var sync = function () {
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    label.addEventListener("click", function () {
      window.setTimeout(sync, 0);
    });
    return sync;
  }

  function focusFirstVisible(container) {
    var candidates = container.querySelectorAll("a[href], [tabindex='0']");
    for (var i = 0; i < candidates.length; i++) {
      var style = window.getComputedStyle(candidates[i]);
      if (style.visibility === "visible" && candidates[i].getClientRects().length) {
        candidates[i].focus();
        return;
      }
    }
  }

  function setUp() {
    var drawer = document.getElementById("__drawer");
    var menu = document.querySelector('.md-header label[for="__drawer"]');
    if (drawer && menu) {
      var syncMenu = makeButton(menu, drawer, "Menü");
      menu.setAttribute("aria-controls", "praxis-navigation");
      var sidebar = document.querySelector(".md-sidebar--primary");
      if (sidebar) {
        sidebar.id = "praxis-navigation";
      }
      drawer.addEventListener("change", function () {
        // Opened with the keyboard: move into the menu, so the next Tab reaches its links.
        if (drawer.checked && document.activeElement === menu && sidebar) {
          window.setTimeout(function () { focusFirstVisible(sidebar); }, 50);
        }
      });
      // The open menu covers the page: when focus moves on past its last link, close it, so
      // the focused link is never hidden behind it.
      document.addEventListener("focusin", function (event) {
        if (drawer.checked && sidebar && !sidebar.contains(event.target) &&
            event.target !== menu) {
          drawer.checked = false;
          syncMenu();
        }
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && drawer.checked) {
          drawer.checked = false;
          syncMenu();
          menu.focus();
        }
      });
    }
    setUpSections();
    nameHeadingLinks();
    scrollableTables();
  }

  // A table wider than the screen scrolls sideways in its box: the box must then be reachable
  // and scrollable with the keyboard (WCAG 2.1.1), as a named region. Narrow tables stay out of
  // the Tab order.
  function scrollableTables() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    if (!boxes.length) {
      return;
    }
    var update = function () {
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.scrollWidth > box.clientWidth + 1) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "Tabelle, seitlich scrollbar");
        } else {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      });
    };
    update();
    window.addEventListener("resize", update);
  }

  // The "¶" after each heading is read out as "pilcrow, link": say what it links to.
  function nameHeadingLinks() {
    var links = document.querySelectorAll(".md-typeset .headerlink");
    Array.prototype.forEach.call(links, function (link) {
      var heading = link.parentElement;
      var text = heading ? heading.textContent.replace(link.textContent, "").trim() : "";
      if (text) {
        link.setAttribute("aria-label", "Link zu diesem Abschnitt: " + text);
      }
    });
  }

  // Sections in the phone menu (and the page's table of contents) open as panels over the
  // main level. Material draws their "open" and "back" controls as labels: make them buttons
  // with names, and keep focus on what is visible when a panel opens or closes (the covered
  // level is hidden from focus in praxis.css).
  function setUpSections() {
    var phone = window.matchMedia("(max-width: 76.234375em)");
    var toggles = document.querySelectorAll(".md-nav--primary .md-nav__toggle");
    Array.prototype.forEach.call(toggles, function (toggle) {
      var item = toggle.parentElement;
      var panel = item.querySelector(":scope > nav.md-nav");
      var back = panel && panel.querySelector(":scope > .md-nav__title");
      var link = item.querySelector(":scope > .md-nav__container > a");
      var opener =
        item.querySelector(":scope > label.md-nav__link") ||
        item.querySelector(":scope > .md-nav__container > label.md-nav__link");
      if (!back || !opener) {
        return;
      }
      if (link && !opener.textContent.trim()) {
        opener.setAttribute("role", "button");
        opener.setAttribute("aria-label", "Unterseiten: " + link.textContent.trim());
      }
      // Material leaves the opener of the current section out of the Tab order; in the phone
      // menu it is the only way back into that section.
      if (opener.getAttribute("tabindex") !== "0") {
        var reachable = function () {
          opener.setAttribute("tabindex", phone.matches ? "0" : "-1");
        };
        reachable();
        phone.addEventListener("change", reachable);
      }
      clickOnSpace(opener);
      back.setAttribute("tabindex", "0");
      back.setAttribute("role", "button");
      back.setAttribute("aria-label", "Zurück: " + back.textContent.trim());
      clickOnSpace(back);
      toggle.addEventListener("change", function () {
        if (!phone.matches || !item.contains(document.activeElement)) {
          return;
        }
        var target = toggle.checked ? back : link || opener;
        window.setTimeout(function () { target.focus(); }, 50);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
