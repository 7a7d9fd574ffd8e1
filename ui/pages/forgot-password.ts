/** `/ui/forgot-password`: ask for a password-reset mail (always the same answer, A6). */
import { api } from "../lib/api.ts";
import { byId, field, onSubmit, showBanner } from "../lib/dom.ts";

const status = byId("status");
const form = byId<HTMLFormElement>("forgot-form");

onSubmit(form, status, async (data) => {
  const email = field(data, "email");
  await api("POST", "/v1/auth/password-reset/request", { email });
  showBanner(
    status,
    "success",
    `If an account uses ${email}, we have sent it a link to choose a new password. The link is valid for one hour.`,
  );
  form.reset();
});
