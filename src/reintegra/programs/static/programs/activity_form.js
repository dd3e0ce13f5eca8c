// The activity form: show only the details of the kind chosen (the server refuses the others).
document.addEventListener("DOMContentLoaded", () => {
  const kind = document.querySelector(".activity-form select[name=kind]");
  if (!kind) return;
  const update = () => {
    for (const fieldset of document.querySelectorAll("[data-kind-fieldset]")) {
      const own = fieldset.getAttribute("data-kind-fieldset") === kind.value;
      const filled = [...fieldset.querySelectorAll("input, select")].some((input) => input.value);
      fieldset.hidden = !own && !filled;
    }
  };
  kind.addEventListener("change", update);
  update();
});
