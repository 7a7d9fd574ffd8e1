/**
 * `/ui/verify-email?token=…`: the link of the verification mail. Verifies the token at once and
 * says whether it worked; without a token (or after a failure) offers a field for the code
 * printed in the mail.
 */
import { api } from "../lib/api.ts";
import { byId, dropQuery, field, onSubmit, queryParam, showBanner, showError } from "../lib/dom.ts";

const status = byId("status");
const progress = byId("verify-progress");
const form = byId<HTMLFormElement>("code-form");
const next = byId("verify-next");

async function verify(token: string): Promise<void> {
  const out = await api<{ message: string; email: string }>("POST", "/v1/auth/verify-email", {
    token,
  });
  form.hidden = true;
  next.hidden = false;
  showBanner(status, "success", `Your address ${out.email} is verified. Thank you!`);
}

onSubmit(form, status, (data) => verify(field(data, "token")));

const token = queryParam("token");
if (token) {
  // The token is single use: keep it out of the address bar and the history.
  dropQuery();
  progress.hidden = false;
  verify(token)
    .catch((e: unknown) => {
      showError(status, e);
      form.hidden = false;
    })
    .finally(() => {
      progress.hidden = true;
    });
} else {
  form.hidden = false;
}
