/** Mail templates escape user values and build links from frontend_base_url. */
import { describe, expect, test } from "bun:test";
import {
  escapeHtml,
  frontendLink,
  invitationMail,
  passwordResetMail,
  verificationMail,
} from "../../../src/email/templates.ts";

const EVIL = `"><script>alert('x')</script>&`;

describe("mail templates", () => {
  test("escapeHtml covers the five HTML metacharacters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  test("links encode the token", () => {
    expect(frontendLink("https://app.example", "/verify-email", "1.a+b/c")).toBe(
      "https://app.example/verify-email?token=1.a%2Bb%2Fc",
    );
  });

  test("no template lets user values into the HTML unescaped", () => {
    const link = frontendLink("https://app.example", "/x", "1.abc");
    const mails = [
      verificationMail({ name: EVIL, link, token: "1.abc" }),
      passwordResetMail({ name: EVIL, link }),
      invitationMail({ organizationName: EVIL, inviterName: EVIL, role: EVIL, link }),
    ];
    for (const m of mails) {
      expect(m.html).not.toContain("<script>");
      expect(m.html).toContain("&lt;script&gt;");
      expect(m.html).toContain(`href="${link}"`);
      expect(m.text).toContain(link);
    }
    expect(
      invitationMail({ organizationName: "A\r\nBcc: x", inviterName: "i", role: "r", link })
        .subject,
    ).not.toMatch(/[\r\n]/);
  });
});
