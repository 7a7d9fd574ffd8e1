/**
 * `/ui/account`: profile, email addresses, passkeys and sessions of the signed-in user, and
 * sign-out. Without a valid session it sends the visitor to the sign-in page.
 */
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  startRegistration,
} from "@simplewebauthn/browser";
import { ApiError, api, type Email, type Passkey, type Session, type User } from "../lib/api.ts";
import {
  byId,
  dropQuery,
  field,
  formatDate,
  go,
  h,
  onClick,
  onSubmit,
  queryParam,
  showBanner,
  showError,
  time,
} from "../lib/dom.ts";

const status = byId("status");
const lead = byId("account-lead");
const root = byId("account");

const profileStatus = byId("profile-status");
const profileForm = byId<HTMLFormElement>("profile-form");
const profileName = byId<HTMLInputElement>("profile-name");

const emailsStatus = byId("emails-status");
const emailList = byId<HTMLUListElement>("email-list");
const emailForm = byId<HTMLFormElement>("email-form");

const passkeysStatus = byId("passkeys-status");
const passkeyList = byId<HTMLUListElement>("passkey-list");
const passkeyForm = byId<HTMLFormElement>("passkey-form");

const sessionsStatus = byId("sessions-status");
const sessionList = byId<HTMLUListElement>("session-list");
const revokeOthers = byId<HTMLButtonElement>("revoke-others");

/** Any call answering 401 means the session is gone: back to sign-in. */
function signedOut(e: unknown): boolean {
  if (e instanceof ApiError && e.status === 401) {
    go("/ui/?reason=session");
    return true;
  }
  return false;
}

/** Shows `e` in `region` unless it ended the session. */
function fail(region: HTMLElement, e: unknown): void {
  if (!signedOut(e)) showError(region, e);
}

function badge(text: string, kind: "primary" | "success" | "warning" | "neutral"): HTMLElement {
  return h("span", { class: `badge badge-${kind}` }, text);
}

/**
 * Replaces `actions` with "question? [confirm] [Cancel]" until one is chosen; focus goes to
 * Cancel, the safe choice, and comes back to the item's first button when cancelled.
 */
function confirmInline(
  actions: HTMLElement,
  question: string,
  confirmLabel: string,
  region: HTMLElement,
  onConfirm: () => Promise<void>,
): void {
  const previous = [...actions.childNodes];
  const yes = h("button", { type: "button", class: "btn btn-danger btn-small" }, confirmLabel);
  const no = h("button", { type: "button", class: "btn btn-ghost btn-small" }, "Cancel");
  const restore = () => {
    actions.replaceChildren(...previous);
    actions.querySelector("button")?.focus();
  };
  no.addEventListener("click", restore);
  onClick(yes, region, onConfirm);
  actions.replaceChildren(h("span", { class: "confirm-question" }, question), yes, no);
  no.focus();
}

function actionButton(
  label: string,
  accessibleName: string,
  kind: "secondary" | "danger" | "ghost" = "secondary",
): HTMLButtonElement {
  return h(
    "button",
    { type: "button", class: `btn btn-${kind} btn-small`, "aria-label": accessibleName },
    label,
  );
}

// Profile ----------------------------------------------------------------------------------------

function renderProfile(user: User): void {
  lead.textContent = `Signed in as ${user.name}.`;
  profileName.value = user.name;
  byId("profile-created").replaceChildren(time(user.created_at));
  byId("profile-tos").replaceChildren(
    user.tos_accepted_at ? h("span", {}, "Accepted ", time(user.tos_accepted_at)) : "Not accepted",
  );
}

onSubmit(profileForm, profileStatus, async (data) => {
  try {
    const { user } = await api<{ user: User }>("PATCH", "/v1/users/me", {
      name: field(data, "name"),
    });
    renderProfile(user);
    showBanner(profileStatus, "success", "Your name has been saved.");
  } catch (e) {
    if (!signedOut(e)) throw e;
  }
});

// Email addresses --------------------------------------------------------------------------------

async function loadEmails(): Promise<Email[]> {
  const { emails } = await api<{ emails: Email[] }>("GET", "/v1/users/emails?limit=100");
  renderEmails(emails);
  return emails;
}

function renderEmails(emails: Email[]): void {
  emailList.replaceChildren(
    ...emails.map((e) => {
      const actions = h("div", { class: "item-actions" });
      if (e.is_verified && !e.is_primary) {
        const b = actionButton("Make primary", `Make ${e.email} primary`);
        onClick(b, emailsStatus, async () => {
          try {
            await api("PATCH", `/v1/users/emails/${e.id}`, { is_primary: true });
            await loadEmails();
            showBanner(emailsStatus, "success", `${e.email} is now your primary address.`);
          } catch (err) {
            fail(emailsStatus, err);
          }
        });
        actions.append(b);
      }
      if (!e.is_verified) {
        const b = actionButton("Resend verification", `Resend the verification mail to ${e.email}`);
        onClick(b, emailsStatus, async () => {
          try {
            await api("POST", `/v1/users/emails/${e.id}/resend-verification`);
            showBanner(
              emailsStatus,
              "success",
              `We have sent a new verification link to ${e.email}.`,
            );
          } catch (err) {
            fail(emailsStatus, err);
          }
        });
        actions.append(b);
      }
      if (!e.is_primary) {
        const b = actionButton("Remove", `Remove ${e.email}`, "ghost");
        b.addEventListener("click", () =>
          confirmInline(actions, `Remove ${e.email}?`, "Remove", emailsStatus, async () => {
            try {
              await api("DELETE", `/v1/users/emails/${e.id}`);
              await loadEmails();
              showBanner(emailsStatus, "success", `${e.email} has been removed.`);
              emailForm.querySelector("input")?.focus();
            } catch (err) {
              fail(emailsStatus, err);
            }
          }),
        );
        actions.append(b);
      }
      return h(
        "li",
        { class: "item" },
        h(
          "div",
          { class: "item-main" },
          h(
            "p",
            { class: "item-title" },
            h("span", { class: "item-name" }, e.email),
            e.is_primary ? badge("Primary", "primary") : null,
            e.is_verified ? badge("Verified", "success") : badge("Unverified", "warning"),
          ),
          h(
            "p",
            { class: "item-meta" },
            e.verified_at ? h("span", {}, "Verified ", time(e.verified_at)) : "Not verified yet",
          ),
        ),
        actions,
      );
    }),
  );
}

onSubmit(emailForm, emailsStatus, async (data) => {
  try {
    const { email } = await api<{ email: Email }>("POST", "/v1/users/emails", {
      email: field(data, "email"),
    });
    emailForm.reset();
    await loadEmails();
    showBanner(
      emailsStatus,
      "success",
      `${email.email} has been added. Open the link we mailed to it to verify it.`,
    );
  } catch (e) {
    if (!signedOut(e)) throw e;
  }
});

// Passkeys ---------------------------------------------------------------------------------------

async function loadPasskeys(): Promise<Passkey[]> {
  const { passkeys } = await api<{ passkeys: Passkey[] }>("GET", "/v1/users/passkeys");
  renderPasskeys(passkeys);
  return passkeys;
}

function renderPasskeys(passkeys: Passkey[]): void {
  if (passkeys.length === 0) {
    passkeyList.replaceChildren(
      h(
        "li",
        { class: "item item-empty" },
        "No passkeys yet. Add one to sign in without a password.",
      ),
    );
    return;
  }
  passkeyList.replaceChildren(...passkeys.map(passkeyItem));
}

function passkeyItem(p: Passkey): HTMLLIElement {
  const main = h(
    "div",
    { class: "item-main" },
    h(
      "p",
      { class: "item-title" },
      h("span", { class: "item-name" }, p.name),
      p.backed_up ? badge("Synced", "neutral") : badge("This device only", "neutral"),
    ),
    h(
      "p",
      { class: "item-meta" },
      h("span", {}, "Added ", time(p.created_at)),
      h(
        "span",
        {},
        p.last_used_at ? h("span", {}, "Last used ", time(p.last_used_at)) : "Never used",
      ),
    ),
  );
  const actions = h("div", { class: "item-actions" });
  const rename = actionButton("Rename", `Rename passkey ${p.name}`);
  const remove = actionButton("Delete", `Delete passkey ${p.name}`, "ghost");
  actions.append(rename, remove);
  const item = h("li", { class: "item" }, main, actions);

  rename.addEventListener("click", () => {
    const inputId = `rename-${p.id}`;
    const input = h("input", {
      id: inputId,
      name: "name",
      type: "text",
      required: true,
      maxlength: "100",
      autocomplete: "off",
    });
    input.value = p.name;
    const form = h(
      "form",
      { class: "form form-inline item-form" },
      h("div", { class: "field" }, h("label", { for: inputId }, `New name for ${p.name}`), input),
      h("button", { type: "submit", class: "btn btn-primary btn-small" }, "Save"),
      h(
        "button",
        { type: "button", class: "btn btn-ghost btn-small", "data-cancel": "" },
        "Cancel",
      ),
    );
    const cancel = () => {
      item.replaceChildren(main, actions);
      rename.focus();
    };
    form.querySelector("[data-cancel]")?.addEventListener("click", cancel);
    form.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") cancel();
    });
    onSubmit(form, passkeysStatus, async (data) => {
      try {
        const { passkey } = await api<{ passkey: Passkey }>("PATCH", `/v1/users/passkeys/${p.id}`, {
          name: field(data, "name"),
        });
        await loadPasskeys();
        showBanner(passkeysStatus, "success", `The passkey is now called “${passkey.name}”.`);
      } catch (e) {
        if (!signedOut(e)) throw e;
      }
    });
    item.replaceChildren(form);
    input.focus();
    input.select();
  });

  remove.addEventListener("click", () =>
    confirmInline(actions, `Delete ${p.name}?`, "Delete passkey", passkeysStatus, async () => {
      try {
        await api("DELETE", `/v1/users/passkeys/${p.id}`);
        await loadPasskeys();
        showBanner(
          passkeysStatus,
          "success",
          `The passkey “${p.name}” has been deleted. Remove it from your device or password manager too.`,
        );
        passkeyForm.querySelector("input")?.focus();
      } catch (e) {
        fail(passkeysStatus, e);
      }
    }),
  );
  return item;
}

if (browserSupportsWebAuthn()) {
  onSubmit(passkeyForm, passkeysStatus, async (data) => {
    try {
      const { options } = await api<{ options: PublicKeyCredentialCreationOptionsJSON }>(
        "POST",
        "/v1/users/passkeys/registration/options",
        {},
      );
      const credential = await startRegistration({ optionsJSON: options });
      const name = field(data, "name");
      const { passkey } = await api<{ passkey: Passkey }>(
        "POST",
        "/v1/users/passkeys/registration/verify",
        name === "" ? { credential } : { credential, name },
      );
      passkeyForm.reset();
      await loadPasskeys();
      showBanner(
        passkeysStatus,
        "success",
        `Passkey “${passkey.name}” added. You can now sign in with it.`,
      );
    } catch (e) {
      if (!signedOut(e)) throw e;
    }
  });
} else {
  passkeyForm.hidden = true;
  byId("passkey-unsupported").hidden = false;
}

// Sessions ---------------------------------------------------------------------------------------

const SESSION_KIND: Record<string, string> = {
  WEB: "Browser session",
  CLI: "Command-line session",
  SDK: "SDK session",
};

async function loadSessions(): Promise<Session[]> {
  const { sessions } = await api<{ sessions: Session[] }>("GET", "/v1/users/sessions");
  renderSessions(sessions);
  return sessions;
}

function renderSessions(sessions: Session[]): void {
  // The current session first, then the most recently active.
  const sorted = [...sessions].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) || b.last_activity_at.localeCompare(a.last_activity_at),
  );
  sessionList.replaceChildren(
    ...sorted.map((s) => {
      const actions = h("div", { class: "item-actions" });
      if (!s.current) {
        const kind = SESSION_KIND[s.session_type] ?? s.session_type;
        const b = actionButton(
          "Revoke",
          `Revoke the ${kind.toLowerCase()} last active ${formatDate(s.last_activity_at)}`,
          "ghost",
        );
        onClick(b, sessionsStatus, async () => {
          try {
            await api("DELETE", `/v1/users/sessions/${s.session_id}`);
            await loadSessions();
            showBanner(sessionsStatus, "success", "The session has been signed out.");
          } catch (e) {
            fail(sessionsStatus, e);
          }
        });
        actions.append(b);
      }
      return h(
        "li",
        { class: s.current ? "item item-current" : "item" },
        h(
          "div",
          { class: "item-main" },
          h(
            "p",
            { class: "item-title" },
            h("span", { class: "item-name" }, SESSION_KIND[s.session_type] ?? s.session_type),
            s.current ? badge("This device", "primary") : null,
          ),
          h("p", { class: "item-detail" }, s.user_agent ?? "Unknown client"),
          h(
            "p",
            { class: "item-meta" },
            s.ip_address ? h("span", {}, `IP ${s.ip_address}`) : null,
            h("span", {}, "Signed in ", time(s.created_at)),
            h("span", {}, "Last active ", time(s.last_activity_at)),
            h("span", {}, "Expires ", time(s.expires_at)),
          ),
        ),
        actions,
      );
    }),
  );
  revokeOthers.hidden = sessions.filter((s) => !s.current).length === 0;
}

onClick(revokeOthers, sessionsStatus, async () => {
  try {
    const out = await api<{ revoked_count: number }>("POST", "/v1/users/sessions/revoke-others");
    await loadSessions();
    showBanner(
      sessionsStatus,
      "success",
      out.revoked_count === 1
        ? "One other session has been signed out."
        : `${out.revoked_count} other sessions have been signed out.`,
    );
  } catch (e) {
    fail(sessionsStatus, e);
  }
});

// Sign out ---------------------------------------------------------------------------------------

onClick(byId<HTMLButtonElement>("sign-out"), status, async () => {
  await api("POST", "/v1/auth/logout");
  go("/ui/?signed_out=1");
});

// Start ------------------------------------------------------------------------------------------

async function start(): Promise<void> {
  let user: User;
  try {
    ({ user } = await api<{ user: User }>("GET", "/v1/users/me"));
  } catch (e) {
    if (!signedOut(e)) {
      lead.textContent = "Your account could not be loaded.";
      showError(status, e);
    }
    return;
  }
  renderProfile(user);
  root.hidden = false;
  const welcome = queryParam("welcome") !== null;
  if (welcome) dropQuery();
  const [emails] = await Promise.all([
    loadEmails().catch((e: unknown) => {
      fail(emailsStatus, e);
      return [] as Email[];
    }),
    loadPasskeys().catch((e: unknown) => fail(passkeysStatus, e)),
    loadSessions().catch((e: unknown) => fail(sessionsStatus, e)),
  ]);
  if (welcome) {
    const primary = emails.find((e) => e.is_primary);
    showBanner(
      status,
      "info",
      primary
        ? `Welcome, ${user.name}! Check your mail: we have sent a verification link to ${primary.email}.`
        : `Welcome, ${user.name}! Check your mail for the verification link.`,
    );
  }
}

void start();
