// Pieces of the legal pages: what the operator set, or the plain word that it did not.
import type { ComponentChildren } from 'preact';
import { LoadState } from '../../components';
import { t } from '../../i18n';
import type { Query } from '../../kit/query';
import type { About } from '../../types';
import { contactOf } from './about';

/**
 * Until the operator's facts are there, one loading line or the API's message for the whole
 * page; the parts that need them show once they are.
 */
export function AboutState({ about }: { about: Query<About> }) {
  if (about.data) return null;
  return <LoadState resource={about} what={t('about.web.operator_facts')} />;
}

/** A value the operator may have left empty: « non renseigné par l'exploitant » then. */
export function Given({ value, children }: { value: string; children?: ComponentChildren }) {
  if (value.trim() === '') return <span class="meta">{t('about.web.not_given')}</span>;
  return <>{children ?? value}</>;
}

/** A contact as a link when it is a mail or web address, as text otherwise. */
export function ContactLink({ value }: { value: string }) {
  const contact = contactOf(value);
  return (
    <Given value={value}>{contact.kind === 'text' ? contact.text : <a href={contact.href}>{contact.text}</a>}</Given>
  );
}

/** The operator's name in a sentence, or « l'exploitant de ce service ». */
export function operatorName(about: About): string {
  return about.operator.name.trim() || t('about.web.the_operator');
}

/** The operator's name and how to write to it, on one line. */
export function OperatorContact({ about }: { about: About }) {
  return (
    <p>
      <Given value={about.operator.name} />
      {' — '}
      <ContactLink value={about.operator.email} />
    </p>
  );
}
