// The one way the page talks to the server: POST /graphql, with the tab's token as a bearer
// token when signed in. A token the server no longer accepts (expired, revoked) signs the tab
// out; during a save the page asks to sign in again and sends the same request once more, so
// nothing typed is lost.

import * as session from "./session.js";
import { t } from "./words.js";

export async function gql(query, variables, { save = false } = {}) {
  const token = session.token();
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let body;
  try {
    const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    body = await response.json();
  } catch (cause) {
    const err = new Error(t("err.network"));
    err.code = "NETWORK";
    err.cause = cause;
    throw err;
  }
  if (body.errors && body.errors.length) {
    const code = body.errors[0].extensions && body.errors[0].extensions.code;
    if (code === "UNAUTHENTICATED" && token) {
      if (save) {
        session.expire();
        await session.reauth();
        return gql(query, variables, { save });
      }
      session.signOut(t("sessionEnded"));
      return gql(query, variables);
    }
    const err = new Error(body.errors.map((e) => e.message).join("; "));
    err.code = code;
    throw err;
  }
  return body.data;
}
