import { Fragment } from 'react';

const linkPattern = /(https?:\/\/[^\s<>"'，。）)]+|\/portal\/articles\/[^\s<>"'，。）)]+)/g;

/** Plain text (never HTML) with web addresses and help-article paths turned into links. */
export function Linkified({ text }: { text: string }) {
  const parts = text.split(linkPattern);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
