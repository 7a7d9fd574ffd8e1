/**
 * `/ui/invitations/accept?token=…`: the link of an invitation mail. Signed in, it accepts at once
 * (`POST /v1/organizations/invitations/accept`) and names the organization joined; signed out, it
 * goes to the sign-in page and comes back here (`?next=`); without a token, a field for the code.
 */
import { ApiError, api } from "../lib/api.ts";
import { byId, field, go, onSubmit, queryParam, showBanner, showError } from "../lib/dom.ts";

const status = byId("status");
const progress = byId("invite-progress");
const form = byId<HTMLFormElement>("invite-form");

async function accept(token: string): Promise<void> {
  try {
    const out = await api<{ organization: { name: string } }>(
      "POST",
      "/v1/organizations/invitations/accept",
      { token },
    );
    form.hidden = true;
    showBanner(status, "success", `You joined ${out.organization.name}.`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      go(
        `/ui/?reason=session&next=${encodeURIComponent(`/ui/invitations/accept?token=${encodeURIComponent(token)}`)}`,
      );
      return;
    }
    throw e;
  }
}

onSubmit(form, status, (data) => accept(field(data, "token")));

const token = queryParam("token");
if (token) {
  progress.hidden = false;
  accept(token)
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
