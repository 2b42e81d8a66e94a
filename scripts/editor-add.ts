// npm run editor:add -- <email>
import { runCli } from "./cli";
import { normaliseEmail } from "@/lib/auth/email-address";
import { makeEditor } from "@/lib/account/roles";

runCli(async () => {
  const raw = process.argv.slice(2).find((a) => a !== "--");
  const email = normaliseEmail(raw);
  if (!email) {
    console.error(raw ? `"${raw}" is not a valid email address.` : "Usage: npm run editor:add -- <email>");
    return 2;
  }
  const { created } = await makeEditor(email);
  console.log(`${email} is now an editor${created ? " (new account)" : ""}.`);
});
