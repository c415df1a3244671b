// Castellan's only script: small progressive enhancements. Pages work without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // <button data-confirm="..."> asks before submitting its form.
  for (const button of document.querySelectorAll("[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
    });
  }
  // <select data-autosubmit> submits its form on change (filters, site switcher).
  for (const select of document.querySelectorAll("[data-autosubmit]")) {
    select.addEventListener("change", () => select.form && select.form.submit());
  }
});
