/** `/ui/reset-password?token=…`: the link of the reset mail; sets a new password. */
import { ApiError, api } from "../lib/api.ts";
import { byId, dropQuery, onSubmit, queryParam, secret, showBanner } from "../lib/dom.ts";

const status = byId("status");
const form = byId<HTMLFormElement>("reset-form");
const next = byId("reset-next");

const token = queryParam("token");
if (token) dropQuery();

if (!token) {
  form.hidden = true;
  showBanner(
    status,
    "error",
    "This page needs the link from the password-reset mail. Ask for a new one below.",
  );
} else {
  onSubmit(form, status, async (data) => {
    const password = secret(data, "new_password");
    if (password !== secret(data, "confirm_password")) {
      throw new ApiError(422, {
        error: "The two passwords do not match.",
        code: "PASSWORD_MISMATCH",
        details: [{ field: "confirm_password", message: "Does not match the new password" }],
      });
    }
    await api("POST", "/v1/auth/password-reset/confirm", { token, new_password: password });
    form.hidden = true;
    next.hidden = false;
    showBanner(
      status,
      "success",
      "Your password has been changed and every session signed out. Sign in with the new password.",
    );
  });
}
