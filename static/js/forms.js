// Show only the fields that apply: a person's names or a company's, finance details only
// when the car is not paid in cash, a claim's questions for the event chosen. Hidden fields keep their values (nothing typed is lost).
(function () {
  "use strict";
  const PERSON_ONLY = ["title", "first_name", "last_name", "date_of_birth"];
  const COMPANY_ONLY = ["company_name", "partita_iva", "abn"];
  const FINANCE = ["finance_provider", "finance_term_months", "finance_monthly_payment"];

  function wrappers(form, names) {
    return names.flatMap((name) =>
      Array.from(form.querySelectorAll(`[id^="div_id_"][id$="${name}"]`))
        .filter((el) => el.id === `div_id_${name}` || el.id.endsWith(`-${name}`)));
  }

  function show(elements, visible) {
    elements.forEach((el) => { el.hidden = !visible; });
  }

  function sync(form) {
    const kind = form.querySelector('input[type="radio"][name$="kind"]:checked');
    if (kind) {
      const company = kind.value === "company";
      show(wrappers(form, PERSON_ONLY), !company);
      show(wrappers(form, COMPANY_ONLY), company);
    }
    const finance = form.querySelector('select[name$="finance_type"]');
    if (finance) {
      show(wrappers(form, FINANCE), finance.value !== "cash");
    }
    // A claim's groups of questions that only some events ask (the UK motor sections).
    const event = form.querySelector('select[name="event"]');
    if (event) {
      form.querySelectorAll("fieldset[data-for-events]").forEach((set) => {
        set.hidden = event.value !== "" && !set.dataset.forEvents.split(" ").includes(event.value);
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-dynamic-fields]").forEach((form) => {
      sync(form);
      form.addEventListener("change", () => sync(form));
    });
  });
})();

// A create form's key (dealers.form_keys). A browser gives a text field back the value it
// had when the page is reached again with the back button, but only a value changed since
// the page was loaded, and it may fetch the page again with a new key. Changed here (a
// space the server ignores), the first key comes back: saved again, the page is known as
// the same page and makes no second record.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-form-key]").forEach((input) => {
      if (!input.value.endsWith(" ")) {
        input.value = `${input.value} `;
      }
    });
  });
})();
