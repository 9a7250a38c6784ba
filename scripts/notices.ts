import { runLettersCommand } from "@/lib/notices/letters/cli";

// npm run notices -- <command> …: the notices' command line. `letters` prints the due letters
// (lib/notices/letters/cli.ts says how).

const [command, ...rest] = process.argv.slice(2);
if (command === "letters") process.exit(await runLettersCommand(rest));
console.error("usage: npm run notices -- letters --out DIR");
process.exit(2);
