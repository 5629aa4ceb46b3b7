// Starts GOV.UK Frontend's components. A file rather than an inline script, so the
// Content-Security-Policy needs no nonce and public pages can be cached whole.
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
