// @vitest-environment jsdom
// The reset link's fragment and the operator's contacts, read as the pages read them.
import { afterEach, describe, expect, it } from 'vitest';
import { contactOf, forgetResetLink, parseResetFragment, takeResetLink } from './about';

describe('the reset link fragment', () => {
  it('reads the token and the percent-encoded address', () => {
    expect(parseResetFragment('#jeton=abc-DEF_123&courriel=claire.dumont%40alma.example.org')).toEqual({
      token: 'abc-DEF_123',
      email: 'claire.dumont@alma.example.org',
    });
  });

  it("keeps a '+' of the address as a '+', in either order and without '#'", () => {
    expect(parseResetFragment('courriel=awa+ensemble%40example.org&jeton=t')).toEqual({
      token: 't',
      email: 'awa+ensemble@example.org',
    });
  });

  it('has no link without a token, and an empty address when none is given', () => {
    expect(parseResetFragment('')).toBeNull();
    expect(parseResetFragment('#contenu')).toBeNull();
    expect(parseResetFragment('#jeton=&courriel=a%40b.fr')).toBeNull();
    expect(parseResetFragment('#jeton=t')).toEqual({ token: 't', email: '' });
  });

  it('drops a value whose escape is broken rather than half read it', () => {
    expect(parseResetFragment('#jeton=t&courriel=%E9')).toEqual({ token: 't', email: '' });
    expect(parseResetFragment('#jeton=%E9&courriel=a%40b.fr')).toBeNull();
  });
});

describe('taking the link from the address bar', () => {
  afterEach(() => {
    forgetResetLink();
    window.history.replaceState(null, '', '/');
  });

  it('clears the fragment and keeps the link for the page started afresh', () => {
    window.history.replaceState(null, '', '/mot-de-passe-oublie/nouveau?x=1#jeton=t1&courriel=a%40b.fr');
    expect(takeResetLink()).toEqual({ token: 't1', email: 'a@b.fr' });
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/mot-de-passe-oublie/nouveau?x=1');
    // The language changed: the page starts again, the address has no fragment any more.
    expect(takeResetLink()).toEqual({ token: 't1', email: 'a@b.fr' });
    forgetResetLink();
    expect(takeResetLink()).toBeNull();
  });

  it('takes a newer link over the one kept', () => {
    window.history.replaceState(null, '', '/mot-de-passe-oublie/nouveau#jeton=old');
    takeResetLink();
    window.history.replaceState(null, '', '/mot-de-passe-oublie/nouveau#jeton=new&courriel=c%40d.fr');
    expect(takeResetLink()).toEqual({ token: 'new', email: 'c@d.fr' });
  });
});

describe('a contact the operator typed', () => {
  it('links a mail address, with or without mailto:', () => {
    expect(contactOf(' accessibilite@alma.example.org ')).toEqual({
      kind: 'mail',
      href: 'mailto:accessibilite@alma.example.org',
      text: 'accessibilite@alma.example.org',
    });
    expect(contactOf('mailto:a@b.fr')).toEqual({ kind: 'mail', href: 'mailto:a@b.fr', text: 'a@b.fr' });
  });

  it('links a web address, and nothing else that looks like a link', () => {
    expect(contactOf('https://alma.example.org/contact')).toEqual({
      kind: 'web',
      href: 'https://alma.example.org/contact',
      text: 'https://alma.example.org/contact',
    });
    expect(contactOf('javascript:alert(1)')).toEqual({ kind: 'text', text: 'javascript:alert(1)' });
    expect(contactOf('03 20 00 00 00, accueil du centre')).toEqual({
      kind: 'text',
      text: '03 20 00 00 00, accueil du centre',
    });
  });
});
