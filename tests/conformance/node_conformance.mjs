// chatbind-fake conformance, seen by Node's built-in fetch (undici) and node:crypto; no npm packages.
//
// The fake must accept what the real servers accept and refuse what they refuse. Every request here
// is made by fetch and every answer read by JSON.parse, so none of chatbind's encoders or decoders
// stands between the check and the wire: a fake that only agreed with chatbind's own clients would
// mislead a bot written for Node (the platforms' community SDKs are largely TypeScript).
//
// Cases (one entry each in `cases`, added with addCase):
//   heychat    a send with three of the seven common query parameters, chat_version twice and a key of
//              the client's own (fetch sends header names lower-case): status ok with `result`; a call
//              with no payload still carries "result":{}; a wrong token is {"status":"failed",…};
//              OAuth with redirect: 'manual': the authorization page's 302 carries code=, a
//              URLSearchParams (form-urlencoded) token exchange returns an access token, a reused code
//              is refused, the Bearer resource call works with it and fails without it.
//   yunhu      an unknown /v1/ path, GET or POST, is Go's `404 page not found` (text/plain); a wrong
//              token is the JSON {"code":-101,…} on a protobuf route.
//   yunhu_bot  a JSON text send (code 1, a msgId), a wrong ?token= (code 1002), the control route
//              POST /_chatbind/yunhu_bot/message (the event it made).
//   wildfire   node:crypto-signed calls (sha1(nonce|secret|timestamp)): a user created and read back;
//              a bad signature is 244 and a timestamp older than two hours 243, repeated in result.
//
// Run: node tests/conformance/node_conformance.mjs <chatbind-fake> (Node 18 or later). Exit status 0
// when every case holds; 1 with "FAILED <case>: <why>" for each one that does not.
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEYCHAT_TOKEN = 'node-heychat-token';
const YUNHU_TOKEN = 'node-yunhu-token';
const YUNHU_BOT_TOKEN = 'node-yunhu-bot-token';
const WILDFIRE_SECRET = 'node-wildfire-secret';

// --- helpers --------------------------------------------------------------------------------------
let base = '';
let last = null; // the last answer, shown when a case fails

/** One exchange with the fake: {status, headers, text, json()}. */
async function request(method, path, { body, headers = {}, redirect = 'follow' } = {}) {
  const r = await fetch(base + path, { method, body, headers, redirect, signal: AbortSignal.timeout(10000) });
  const text = await r.text();
  last = { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
  return last;
}
const postJson = (path, value, headers = {}) =>
  request('POST', path, { body: JSON.stringify(value), headers: { 'Content-Type': 'application/json', ...headers } });

class CaseFailed extends Error {}
function expect(condition, what) {
  if (!condition) throw new CaseFailed(what);
}

const cases = [];
const addCase = (name, fn) => cases.push({ name, fn });

/** A signed admin call as the Java SDK's AdminHttpUtils makes it. */
function wildfirePost(path, value, { secret = WILDFIRE_SECRET, timestamp = Date.now() } = {}) {
  const nonce = String(randomInt(3, 100002));
  const sign = createHash('sha1').update(`${nonce}|${secret}|${timestamp}`).digest('hex');
  return postJson(path, value, { nonce, timestamp: String(timestamp), sign, 'Content-Type': 'application/json; charset=utf-8' });
}

// --- Heychat --------------------------------------------------------------------------------------
const COMMON = 'chat_os_type=bot&client_type=heybox_chat&chat_version=1.30.0';
const SEND = { msg: 'hi from fetch', msg_type: 10, room_id: '3581310465924767744', channel_id: '3595756374695264256', channel_type: 1 };

addCase('heychat_send_lenient_query', async () => {
  const a = await postJson(`/chatroom/v2/channel_msg/send?${COMMON}&chat_version=1.30.0&node_extra=1`, SEND, { token: HEYCHAT_TOKEN });
  expect(a.status === 200, 'HTTP 200');
  const body = a.json();
  expect(body.status === 'ok', 'status ok');
  expect(body.result && body.result.msg_id, 'result with a msg_id');
});

addCase('heychat_no_payload_result', async () => {
  const body = (await postJson(`/chatroom/v2/channel_msg/delete?${COMMON}`,
    { msg_id: '1', room_id: SEND.room_id, channel_id: SEND.channel_id }, { token: HEYCHAT_TOKEN })).json();
  expect(body.status === 'ok', 'status ok');
  expect(JSON.stringify(body.result) === '{}', 'a call with no payload carries "result":{}');
});

addCase('heychat_wrong_token', async () => {
  const a = await postJson(`/chatroom/v2/channel_msg/send?${COMMON}`, SEND, { token: 'not-the-token' });
  expect(a.status === 200, 'HTTP 200 (Heychat refuses in the body)');
  const body = a.json();
  expect(body.status === 'failed' && !('result' in body), '{"status":"failed",…}');
});

addCase('heychat_oauth_code_flow', async () => {
  const redirectUri = 'http://127.0.0.1:9/oauth/callback';
  const page = new URLSearchParams({ client_id: 'fake-client', redirect_uri: redirectUri, response_type: 'code', scope: 'user_info_read' });
  const a = await request('GET', `/account/bot_oauth?${page}`, { redirect: 'manual' });
  expect(a.status === 302, `the authorization page redirects (HTTP ${a.status})`);
  const location = new URL(a.headers.get('location') || 'invalid:');
  expect(location.origin + location.pathname === redirectUri, `back to redirect_uri (Location ${location})`);
  const code = location.searchParams.get('code');
  expect(code, 'Location carries code=');

  const form = () => new URLSearchParams({ grant_type: 'authorization_code', client_id: 'fake-client', client_secret: 'fake-secret',
    code, redirect_uri: redirectUri }); // fetch sends it as application/x-www-form-urlencoded
  const token = (await request('POST', '/chatroom/api/token', { body: form() })).json();
  expect(token.access_token && token.token_type === 'Bearer', 'the exchange returns a Bearer access_token');
  const again = (await request('POST', '/chatroom/api/token', { body: form() })).json();
  expect(again.status === 'failed' && !again.access_token, 'a reused code is refused');

  const info = (await request('GET', '/chatroom/api/account/info', { headers: { Authorization: `Bearer ${token.access_token}` } })).json();
  expect(info.status === 'ok' && info.result && info.result.username, 'account/info with the token');
  const anonymous = (await request('GET', '/chatroom/api/account/info')).json();
  expect(anonymous.status === 'failed' && !anonymous.result, 'account/info without a token fails');
});

// --- Yunhu (client API) ---------------------------------------------------------------------------
addCase('yunhu_unknown_path', async () => {
  for (const method of ['GET', 'POST']) {
    const a = await request(method, '/v1/no/such/path', method === 'POST'
      ? { body: new Uint8Array([0x0a, 0x00]), headers: { token: YUNHU_TOKEN, 'Content-Type': 'application/x-protobuf' } }
      : { headers: { token: YUNHU_TOKEN } });
    expect(a.status === 404, `${method}: HTTP 404`);
    expect((a.headers.get('content-type') || '').startsWith('text/plain'), `${method}: text/plain`);
    expect(a.text === '404 page not found', `${method}: Go's \`404 page not found\``);
  }
});

addCase('yunhu_wrong_token_is_json', async () => {
  const a = await request('POST', '/v1/msg/send-message',
    { body: new Uint8Array([0x12, 0x01, 0x78]), headers: { token: 'not-the-token', 'Content-Type': 'application/x-protobuf' } });
  expect(a.status === 200, 'HTTP 200');
  expect(a.json().code === -101, 'a wrong token answers the JSON {"code":-101,…} on a protobuf route');
});

// --- Yunhu bot (open API) -------------------------------------------------------------------------
addCase('yunhu_bot_send_text', async () => {
  const send = { recvId: 'u1', recvType: 'user', contentType: 'text', content: { text: 'hi from fetch' } };
  const body = (await postJson(`/open-apis/v1/bot/send?token=${YUNHU_BOT_TOKEN}`, send)).json();
  expect(body.code === 1, 'code 1');
  expect(body.data && body.data.messageInfo && body.data.messageInfo.msgId, 'data.messageInfo.msgId');
  const wrong = (await postJson('/open-apis/v1/bot/send?token=not-the-token', send)).json();
  expect(wrong.code === 1002, 'a wrong token is code 1002');
});

addCase('yunhu_bot_control_message', async () => {
  const a = await postJson('/_chatbind/yunhu_bot/message', { userId: 'node-user', text: 'hello from node' });
  expect(a.status === 200, 'HTTP 200');
  const event = a.json();
  expect(event.header.eventType === 'message.receive.normal', 'a message.receive.normal event');
  expect(event.event.sender.senderId === 'node-user', 'from the user');
  expect(event.event.message.content.text === 'hello from node', 'with the text');
});

// --- Wildfire (admin API) -------------------------------------------------------------------------
addCase('wildfire_create_and_get_user', async () => {
  const created = (await wildfirePost('/admin/user/create', { userId: 'node-user', name: 'node-user', displayName: 'Node' })).json();
  expect(created.code === 0 && created.result.userId === 'node-user', 'user created');
  const got = (await wildfirePost('/admin/user/get_info', { userId: 'node-user' })).json();
  expect(got.code === 0 && got.result.displayName === 'Node', 'user read back');
});

addCase('wildfire_bad_signature', async () => {
  const body = (await wildfirePost('/admin/user/get_info', { userId: 'node-user' }, { secret: 'not-the-secret' })).json();
  expect(body.code === 244 && body.result && body.result.code === 244, 'a bad signature is 244, repeated in result');
});

addCase('wildfire_old_timestamp', async () => {
  const body = (await wildfirePost('/admin/user/get_info', { userId: 'node-user' }, { timestamp: Date.now() - 3 * 3600 * 1000 })).json();
  expect(body.code === 243 && body.result && body.result.code === 243, 'a timestamp three hours old is 243');
});

// --- main -----------------------------------------------------------------------------------------
const exe = process.argv[2];
if (!exe) {
  console.error('usage: node node_conformance.mjs <chatbind-fake>');
  process.exit(2);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(1)); // ctest's timeout: 'exit' below stops the fake
const run = mkdtempSync(join(tmpdir(), 'chatbind-node-conformance-'));
const portFile = join(run, 'port');
const fake = spawn(exe, ['--port', '0', '--port-file', portFile, '--ws-port', '0', '--quiet', '--token', HEYCHAT_TOKEN,
  '--yunhu-token', YUNHU_TOKEN, '--yunhu-bot-token', YUNHU_BOT_TOKEN, '--wildfire-secret', WILDFIRE_SECRET],
{ stdio: ['ignore', 'ignore', 'inherit'] });
let fakeExit = null;
const fakeExited = new Promise((resolve) => fake.on('exit', (code, signal) => { fakeExit = { code, signal }; resolve(); }));
fake.on('error', (e) => {
  console.log(`FAILED: cannot start chatbind-fake ${exe}: ${e.message}`);
  fakeExit = { code: 'not started' };
  process.exit(1);
});
// However this script ends (a throw, ctest's timeout), the fake goes with it.
process.on('exit', () => {
  if (fakeExit === null) fake.kill('SIGKILL');
  rmSync(run, { recursive: true, force: true });
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; i < 200 && !(existsSync(portFile) && statSync(portFile).size > 0); ++i) {
  if (fakeExit !== null) {
    console.log(`FAILED: chatbind-fake exited with ${fakeExit.code ?? fakeExit.signal} before listening`);
    process.exit(1);
  }
  await sleep(50);
}
if (!existsSync(portFile)) {
  console.log('FAILED: chatbind-fake wrote no port file within 10 s');
  process.exit(1);
}
base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;

const failed = [];
for (const { name, fn } of cases) {
  try {
    await fn();
    console.log(`ok: ${name}`);
  } catch (e) {
    const why = e instanceof CaseFailed ? e.message : `${e.name}: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}`;
    const answer = last ? `HTTP ${last.status} ${last.text.slice(0, 400)}` : 'none';
    console.log(`FAILED ${name}: ${why}\n  last answer: ${answer}`);
    failed.push(name);
  }
}

fake.kill('SIGTERM'); // chatbind-fake stops cleanly on SIGTERM (exit status 0)
let stopTimer;
await Promise.race([fakeExited, new Promise((resolve) => { stopTimer = setTimeout(resolve, 10000); })]);
clearTimeout(stopTimer);
if (fakeExit === null || fakeExit.code !== 0) {
  console.log(`FAILED stop: chatbind-fake ${fakeExit === null ? 'did not stop within 10 s' : `exited with ${fakeExit.code ?? fakeExit.signal}`} on SIGTERM`);
  failed.push('stop');
}
if (failed.length) {
  console.log(`node conformance: ${failed.length} case(s) FAILED: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('node conformance: all cases hold');
process.exit(0); // not waiting for fetch's idle keep-alive sockets
