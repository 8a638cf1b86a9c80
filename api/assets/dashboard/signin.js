// Signing in (#/signin): email and password through `login`. The token is kept for this tab
// only (see session.js); afterwards the page goes where it was asked to (`next`) or to the
// inbox for editors.

import * as session from "./session.js";
import { t } from "./words.js";
import { main, el, go, ready } from "./core.js";
import { buildForm } from "./forms.js";

export async function signinView(params) {
  main.innerHTML = `<section class="card narrow" id="signin-body"><h2>${t("signInTitle")}</h2><p class="note">${t("signInNote")}</p></section>`;
  const body = main.querySelector("#signin-body");
  const who = session.user();
  if (who) {
    const p = el(`<p class="signed-in"></p>`);
    p.textContent = t("signedInAs", { who: who.email, role: who.role });
    body.appendChild(p);
  }
  const form = buildForm({
    name: "signin", submitLabel: t("signIn"),
    fields: [
      { name: "email", label: "email", kind: "text", required: true },
      { name: "password", label: "password", kind: "text", required: true },
    ],
    async onSubmit(f) {
      await session.signIn(f.get("email").trim(), f.get("password"));
      const next = params.get("next");
      if (next && next.startsWith("#/") && !next.startsWith("#/signin")) location.hash = next;
      else go(session.can("EDITOR") ? "inbox" : "week");
    },
  });
  const email = form.controls.get("email").focusable;
  email.type = "email";
  email.autocomplete = "username";
  const password = form.controls.get("password").focusable;
  password.type = "password";
  password.autocomplete = "current-password";
  body.appendChild(form.node);
  ready(body);
  email.focus();
}
