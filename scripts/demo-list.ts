import { resolve } from "node:path";
import { DEMO_BUNDLE_DIR, demoTable, listDemoTravellers } from "@/lib/bundle/demo";

// npm run demo:list [-- <bundle-dir>]: a Markdown table of demo travellers to sign in with (booking reference,
// last name, date of birth). All invented.

const dir = resolve(process.argv[2] ?? DEMO_BUNDLE_DIR);
console.log(demoTable(listDemoTravellers(dir)));
