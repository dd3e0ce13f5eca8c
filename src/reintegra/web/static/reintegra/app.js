// Small behaviours without inline script (the Content-Security-Policy forbids it).
document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.classList.add("js");
  // Language selector: apply the choice at once.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // On a phone, a list's many filters would push its first result a screen down: they are
  // folded behind a button, unless one of them is in use. The first field (the search) stays.
  const more = document.body.dataset.moreFilters;
  if (more && window.matchMedia("(max-width: 767px)").matches) {
    for (const form of document.querySelectorAll("form.filters")) {
      const fields = [...form.querySelectorAll(":scope > div")].slice(1);
      const inUse = fields.some((field) =>
        [...field.querySelectorAll("input, select")].some((input) =>
          input.type === "checkbox" ? input.checked : input.value !== ""));
      if (fields.length < 3 || inUse) continue;
      form.classList.add("filters-folded");
      const toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "secondary outline filters-toggle";
      toggle.textContent = more;
      toggle.setAttribute("aria-expanded", "false");
      toggle.addEventListener("click", () => {
        form.classList.remove("filters-folded");
        toggle.setAttribute("aria-expanded", "true");
        toggle.hidden = true;
      });
      form.querySelector(":scope > div").after(toggle);
    }
  }
  // Buttons that need a confirmation before a destructive action.
  document.addEventListener("submit", (event) => {
    const question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
});
