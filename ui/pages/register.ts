/**
 * `/ui/register`: create an account (name, address, password), record the acceptance of the
 * terms (`PATCH /v1/users/me {accept_tos: true}`; registration itself takes only the three
 * fields), then the account page with a "check your mail" notice.
 */
import { ApiError, api } from "../lib/api.ts";
import { byId, field, go, onSubmit, secret } from "../lib/dom.ts";

const status = byId("status");
const form = byId<HTMLFormElement>("register-form");

onSubmit(form, status, async (data) => {
  if (data.get("accept_tos") === null) {
    throw new ApiError(422, {
      error: "Please accept the terms of service to create an account.",
      code: "TERMS_NOT_ACCEPTED",
      details: [{ field: "accept_tos", message: "Required" }],
    });
  }
  await api("POST", "/v1/auth/register", {
    name: field(data, "name"),
    email: field(data, "email"),
    password: secret(data, "password"),
  });
  // The account exists and the session cookie is set: a failure here must not look like a
  // failed registration, so the account page is opened either way (it shows the terms state).
  await api("PATCH", "/v1/users/me", { accept_tos: true }).catch(() => undefined);
  go("/ui/account?welcome=1");
});
