// Who is signed in on this tab. The token lives in sessionStorage — this tab only, gone when
// it closes, never in localStorage — and is sent as `Authorization: Bearer`. Roles decide
// which edit controls are drawn at all; the server checks them again on every request.

import { t } from "./words.js";

const KEY = "aigc.session";
const RANK = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };
let current = read();
let notice = "";
const listeners = [];

function read() {
  try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch { return null; }
}
function store(value) {
  current = value;
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
  else sessionStorage.removeItem(KEY);
}
/** Tells the page; `view` false repaints only the header (a form being saved stays). */
const changed = (view = true) => listeners.forEach((f) => f(view));

export const token = () => (current ? current.token : null);
export const user = () => (current ? current.user : null);
/** Whether the signed-in member has `role` or a higher one. */
export const can = (role) => !!current && (RANK[current.user.role] || 0) >= RANK[role];
export const onChange = (f) => listeners.push(f);
/** A message for the next paint (e.g. why the tab was signed out), given once. */
export function takeNotice() { const n = notice; notice = ""; return n; }

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt user { email displayName role } } }`;

/** Signs in; throws an Error with the server's message (and code) when refused. */
export async function signIn(email, password, { quiet = false } = {}) {
  let body;
  try {
    const response = await fetch("/graphql", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: LOGIN, variables: { email, password } }) });
    body = await response.json();
  } catch {
    const err = new Error(t("err.network"));
    err.code = "NETWORK";
    throw err;
  }
  if (body.errors && body.errors.length) {
    const err = new Error(body.errors[0].message);
    err.code = body.errors[0].extensions && body.errors[0].extensions.code;
    throw err;
  }
  const { token: tok, expiresAt, user: who } = body.data.login;
  store({ token: tok, expiresAt, user: who });
  if (!quiet) changed();
}

export function signOut(message) {
  store(null);
  notice = message || t("signedOut");
  changed();
}

/** Forgets a token the server refused, without repainting (a form being saved stays). */
export function expire() { store(null); }

/** Re-reads who the token belongs to (its role may have changed); a refused token signs out. */
export async function refresh(gql) {
  if (!current) return;
  const data = await gql(`{ me { email displayName role } }`);
  if (current && data.me) { store({ ...current, user: data.me }); }
}

let pending = null;
/**
 * Asks the person to sign in again in a dialog, over the page (the form being saved stays
 * as typed); resolves once signed in, rejects when they cancel.
 */
export function reauth() {
  if (pending) return pending;
  pending = new Promise((resolve, reject) => {
    const dialog = document.createElement("dialog");
    dialog.id = "reauth";
    dialog.setAttribute("aria-labelledby", "reauth-title");
    dialog.innerHTML = `<form method="dialog" class="form" novalidate>
        <h2 id="reauth-title">${t("signIn")}</h2>
        <p class="field-hint" id="reauth-note"></p>
        <div class="field"><label for="reauth-email">${t("email")}</label><input id="reauth-email" type="email" autocomplete="username" required></div>
        <div class="field"><label for="reauth-password">${t("password")}</label><input id="reauth-password" type="password" autocomplete="current-password" required></div>
        <p class="form-error" role="alert" id="reauth-error"></p>
        <div class="actions"><button type="submit" class="primary">${t("signIn")}</button> <button type="button" id="reauth-cancel">${t("cancel")}</button></div>
      </form>`;
    dialog.querySelector("#reauth-note").textContent = t("reauth");
    document.body.appendChild(dialog);
    const finish = (ok, error) => { dialog.close(); dialog.remove(); pending = null; if (ok) { changed(false); resolve(); } else reject(error); };
    dialog.querySelector("form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const email = dialog.querySelector("#reauth-email").value.trim();
      const password = dialog.querySelector("#reauth-password").value;
      try {
        await signIn(email, password, { quiet: true });
        finish(true);
      } catch (err) {
        dialog.querySelector("#reauth-error").textContent = err.message;
      }
    });
    dialog.querySelector("#reauth-cancel").addEventListener("click", () => {
      const err = new Error(t("sessionEnded"));
      err.code = "UNAUTHENTICATED";
      finish(false, err);
    });
    dialog.showModal();
    dialog.querySelector("#reauth-email").focus();
  });
  return pending;
}
