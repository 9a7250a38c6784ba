import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { whenHealthy } from "../shared/app-process";
import { type AppServer, freePort, startApp } from "./server";

// What the benchmark measures, as one or more targets (base URLs), and the server processes behind them (for
// memory and CPU figures):
//   - default: one `next start` the bench starts, measured directly (as before this option existed);
//   - --instances N: N `next start` instances the bench starts, behind an nginx the bench starts with two
//     listeners, one balancing over the first instance only and one over all N (no sticky sessions, keep-alive
//     upstream as a load balancer keeps it), so one run prints one instance beside N through the same proxy;
//   - --base-url URL: a deployment someone else started (deploy/'s launcher, say), measured as it is; --pids
//     names its instances' process ids for the memory figures.

export type Target = { label: string; base: string };
export type Deployment = {
  targets: Target[];
  /** Per instance: the process group whose memory and CPU are counted (null: only the process itself). */
  instances: Array<{ pid: number; group: boolean }>;
  stop: () => Promise<void>;
};

export type DeploymentOptions = {
  env: NodeJS.ProcessEnv;
  instances: number;
  baseUrl: string | null;
  pids: number[];
  nodeArgs: string[];
  /** taskset CPU list for the processes the bench starts (app instances and nginx), or null. */
  serverCpus: string | null;
  log: (msg: string) => void;
};

export async function startDeployment(o: DeploymentOptions): Promise<Deployment> {
  if (o.baseUrl) {
    const base = o.baseUrl.replace(/\/$/, "");
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.status !== 200) throw new Error(`--base-url ${base}: /api/health did not answer 200`);
    return {
      targets: [{ label: `${base} (given)`, base }],
      instances: o.pids.map((pid) => ({ pid, group: false })),
      stop: async () => {},
    };
  }
  const apps: AppServer[] = [];
  const stop = async () => {
    for (const a of apps.reverse()) await a.stop();
  };
  try {
    for (let i = 0; i < o.instances; i++) {
      const port = await freePort();
      // Every instance believes it is the public address the step-one form posts to; the Origin check compares
      // with the Host each request carries, which nginx passes on unchanged.
      apps.push(await startApp(o.env, port, o.nodeArgs, o.serverCpus));
      o.log(`next start ${i + 1}/${o.instances} on ${apps.at(-1)!.base} (pid ${apps.at(-1)!.pid})`);
    }
    const instances = apps.map((a) => ({ pid: a.pid, group: true }));
    if (o.instances === 1 && !o.baseUrl) {
      return { targets: [{ label: "1 instance, direct", base: apps[0]!.base }], instances, stop };
    }
    const nginx = await startNginx(apps, o.serverCpus);
    o.log(`nginx on ${nginx.one} (1 instance) and ${nginx.all} (${o.instances} instances)`);
    return {
      targets: [
        { label: "1 instance via nginx", base: nginx.one },
        { label: `${o.instances} instances via nginx`, base: nginx.all },
      ],
      instances,
      stop: async () => {
        await nginx.stop();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The balancer's part: what deploy/'s configuration must also do for these figures to carry over. */
function nginxConfig(dir: string, ports: number[], one: number, all: number, user: string): string {
  const upstream = (name: string, list: number[]) =>
    `  upstream ${name} {\n${list.map((p) => `    server 127.0.0.1:${p};\n`).join("")}    keepalive 64;\n  }\n`;
  const server = (port: number, name: string) => `  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${name};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
    }
  }
`;
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
${upstream("portal_one", ports.slice(0, 1))}${upstream("portal_all", ports)}${server(one, "portal_one")}${server(all, "portal_all")}}
`;
}

async function startNginx(
  apps: AppServer[],
  cpus: string | null,
): Promise<{ one: string; all: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-nginx-"));
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, d));
  const one = await freePort();
  const all = await freePort();
  // As root, nginx's workers would switch to "nobody", who cannot write this private folder.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    nginxConfig(
      dir,
      apps.map((a) => Number(new URL(a.base).port)),
      one,
      all,
      user,
    ),
  );
  const cmd = ["nginx", "-c", conf, "-p", dir, "-e", join(dir, "error.log")];
  const child: ChildProcess = spawn(cpus ? "taskset" : cmd[0]!, cpus ? ["-c", cpus, ...cmd] : cmd.slice(1), {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (e) => reject(new Error(`nginx did not start (${e.message}): apt-get install nginx`)));
  });
  await spawned;
  const stop = await whenHealthy(child, `http://127.0.0.1:${all}`, "nginx", 20).catch((err: Error) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    one: `http://127.0.0.1:${one}`,
    all: `http://127.0.0.1:${all}`,
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const pidsIn = (group: number): number[] => {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === group) out.push(pid);
    } catch {
      /* gone */
    }
  }
  return out;
};

const rssKiB = (pid: number): number => {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

/** Resident memory of each instance in MiB (its whole process group where the bench started it), from /proc. */
export function instanceRssMiB(d: Deployment): number[] {
  return d.instances.map(({ pid, group }) => (group ? pidsIn(pid) : [pid]).reduce((s, p) => s + rssKiB(p), 0) / 1024);
}
