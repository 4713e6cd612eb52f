import { isLoopbackName, parseHost } from '../config/host-names';
import { isAllowedHost, misdirectedMessage } from './host-check';

describe(parseHost.name, () => {
  it.each<[string, ReturnType<typeof parseHost>]>([
    ['localhost', { name: 'localhost' }],
    ['LocalHost:3000', { name: 'localhost', port: '3000' }],
    ['chat.example.org.', { name: 'chat.example.org' }],
    ['127.0.0.1:80', { name: '127.0.0.1', port: '80' }],
    ['[::1]', { name: '[::1]' }],
    ['[::1]:3000', { name: '[::1]', port: '3000' }],
    ['hearth_app:3000', { name: 'hearth_app', port: '3000' }],
  ])('reads %p', (value, expected) => {
    expect(parseHost(value)).toEqual(expected);
  });

  it.each(['', ':3000', 'a:b', 'x:70000', '[nope]', '::1', 'a b', 'a..b', 'https://x', 'x/y', '-a.com', 'a.com:'])(
    'refuses %p',
    (value) => {
      expect(parseHost(value)).toBeNull();
    },
  );
});

describe(isLoopbackName.name, () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (name) => {
    expect(isLoopbackName(name)).toBe(true);
  });

  it.each(['localhost.example.com', '128.0.0.1', '0.0.0.0', '[::]', 'evil.localhost'])('%s is not', (name) => {
    expect(isLoopbackName(name)).toBe(false);
  });
});

describe(isAllowedHost.name, () => {
  const allowed = ['chat.example.org', '192.168.1.20', '[fe80::1]'];

  it.each(['localhost:3000', '127.0.0.1:49152', '[::1]:8080', 'localhost', 'CHAT.example.org', 'chat.example.org:443'])(
    'answers %p',
    (host) => {
      expect(isAllowedHost(host, allowed)).toBe(true);
    },
  );

  it.each(['192.168.1.20:3000', '[fe80::1]:3000'])('answers a listed address with a port: %p', (host) => {
    expect(isAllowedHost(host, allowed)).toBe(true);
  });

  it.each([undefined, '', 'attacker.example', 'attacker.example:3000', 'chat.example.org.evil.net', '10.0.0.1', 'x y'])(
    'refuses %p',
    (host) => {
      expect(isAllowedHost(host, allowed)).toBe(false);
    },
  );

  it('answers only loopback with nothing listed', () => {
    expect(isAllowedHost('localhost:3000', [])).toBe(true);
    expect(isAllowedHost('chat.example.org', [])).toBe(false);
  });
});

describe(misdirectedMessage.name, () => {
  it('names the host and the variable to set', () => {
    expect(misdirectedMessage('attacker.example:3000')).toMatch(/"attacker\.example:3000".*ALLOWED_HOSTS/);
    expect(misdirectedMessage(undefined)).toMatch(/no Host header.*ALLOWED_HOSTS/);
  });
});
