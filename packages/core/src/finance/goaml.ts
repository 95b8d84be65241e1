import type { TextChunks } from '../intake/parsers/utf8';
import { MANILA_OFFSET, readDateTime } from '../intake/parsers/values';
import { childElement, childText, type XmlElement } from '../intake/parsers/xml-element';
import { readXmlRecords } from '../intake/parsers/xml-stream';

/** One side of a transfer as the file names it. */
export type TransactionParty = {
  name: string | null;
  account: string | null;
  /** Bank or remittance company of the account. */
  institution: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
};

/** A money transfer, whatever file it came from. */
export type ParsedTransaction = {
  /** The sender's own number for it: with the source, it makes re-imports idempotent. */
  reference: string;
  at: Date;
  amount: number;
  currency: string;
  sender: TransactionParty;
  recipient: TransactionParty;
  /** What the sender said it is for ("school fees", "gift"). */
  purpose: string | null;
};

export type FinanceItem =
  | { kind: 'transaction'; transaction: ParsedTransaction }
  /** A record that cannot become a transaction: where, why, and its text for the quarantine. */
  | { kind: 'problem'; location: string; message: string; raw: string };

function personName(person: XmlElement | undefined): string | null {
  if (!person) return null;
  const parts = ['first_name', 'middle_name', 'last_name']
    .map((name) => childText(person, name))
    .filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/**
 * A goAML side (`t_from`/`t_from_my_client`, `t_to`/`t_to_my_client`): a person, an account
 * (with its signatory's name when the account has none) or an entity, and the country.
 */
function readParty(side: XmlElement | undefined, prefix: 'from' | 'to'): TransactionParty | null {
  if (!side) return null;
  const account = childElement(side, `${prefix}_account`);
  const person = childElement(side, `${prefix}_person`);
  const entity = childElement(side, `${prefix}_entity`);
  const signatory = account
    ? childElement(childElement(account, 'signatory') ?? account, 't_person')
    : undefined;
  return {
    name:
      personName(person) ??
      childText(account, 'account_name') ??
      personName(signatory) ??
      childText(entity, 'name') ??
      null,
    account: childText(account, 'account') ?? childText(account, 'iban') ?? null,
    institution: childText(account, 'institution_name') ?? null,
    country: childText(side, `${prefix}_country`)?.toUpperCase() ?? null,
  };
}

/** Maps one `<transaction>` of goAML 5.x, or says what is missing, naming the element. */
export function readGoamlTransaction(element: XmlElement, currency: string): ParsedTransaction | string {
  const reference = childText(element, 'transactionnumber');
  if (!reference) return `${element.path}/transactionnumber is missing`;
  const dateText = childText(element, 'date_transaction');
  if (!dateText) return `${element.path}/date_transaction is missing`;
  // goAML writes sql_date without a zone ("2025-01-31T00:00:00"): the reporting entity's local time.
  const at = readDateTime(dateText, MANILA_OFFSET);
  if (!at.ok) return `${element.path}/date_transaction: ${at.reason}`;
  const amountText = childText(element, 'amount_local');
  const amount = Number(amountText);
  if (!amountText || !Number.isFinite(amount) || amount <= 0)
    return `${element.path}/amount_local: "${amountText ?? ''}" is not a positive amount`;
  const sender = readParty(
    childElement(element, 't_from_my_client') ?? childElement(element, 't_from'),
    'from',
  );
  const recipient = readParty(childElement(element, 't_to_my_client') ?? childElement(element, 't_to'), 'to');
  if (!sender || (!sender.name && !sender.account))
    return `${element.path}/t_from: no sender (person, account or entity)`;
  if (!recipient || (!recipient.name && !recipient.account))
    return `${element.path}/t_to: no recipient (person, account or entity)`;
  return {
    reference,
    at: at.value,
    amount: Math.round(amount * 100) / 100,
    currency,
    sender,
    recipient,
    purpose: childText(element, 'transaction_description') ?? childText(element, 'comments') ?? null,
  };
}

/**
 * Streams the transactions of a goAML 5.x report (`report` → `transaction`), one at a time,
 * with the same safe XML reader as intake: memory stays flat however large the file. Amounts
 * are `amount_local`, in the reporting country's currency (PHP for the AMLC).
 */
export async function* parseGoaml(
  chunks: TextChunks,
  options: { currency?: string } = {},
): AsyncGenerator<FinanceItem> {
  const currency = options.currency ?? 'PHP';
  for await (const item of readXmlRecords(chunks, { recordName: 'transaction' })) {
    switch (item.kind) {
      case 'record': {
        const read = readGoamlTransaction(item.record, currency);
        if (typeof read === 'string')
          yield { kind: 'problem', location: item.record.path, message: read, raw: item.raw };
        else yield { kind: 'transaction', transaction: read };
        break;
      }
      case 'stray':
        break;
      case 'rejected':
        yield { kind: 'problem', location: item.element.path, message: item.problem.message, raw: item.raw };
        break;
      case 'fatal':
        yield {
          kind: 'problem',
          location: item.problem.path ?? (item.problem.line ? `line ${item.problem.line}` : 'document'),
          message: item.problem.message,
          raw: item.raw,
        };
        return;
    }
  }
}
