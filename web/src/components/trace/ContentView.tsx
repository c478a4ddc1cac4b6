import Markdown from "react-markdown";
import { classifyContent, type ChatMessage } from "../../model/content";

/**
 * Untrusted span content: a conversation, pretty JSON, sanitized markdown or plain text.
 * Nothing here renders HTML from the content; raw HTML in markdown is shown as text.
 */
export function ContentView({ value, label }: { value: unknown; label: string }) {
  const content = classifyContent(value);
  switch (content.kind) {
    case "empty":
      return <p className="muted small">No {label.toLowerCase()}.</p>;
    case "chat":
      return <Conversation messages={content.messages} />;
    case "json":
      return <pre className="code json" aria-label={`${label} (JSON)`}>{content.text}</pre>;
    case "markdown":
      return (
        <div className="markdown">
          <Markdown skipHtml={false} urlTransform={safeUrl}>{content.text}</Markdown>
        </div>
      );
    case "text":
      return <pre className="code text">{content.text}</pre>;
  }
}

/** Links may only go to http(s) and mailto; images are not loaded from LLM output. */
function safeUrl(url: string, key: string): string {
  if (key === "src") return "";
  return /^(https?:|mailto:|#|\/)/i.test(url) ? url : "";
}

export function Conversation({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="chat" aria-label="Conversation">
      {messages.map((m, i) => (
        <li key={i} className={`chat-msg role-${m.role}`}>
          <div className="chat-role">
            {m.role}
            {m.name ? <span className="muted"> · {m.name}</span> : null}
          </div>
          {m.text ? <div className="chat-text">{m.text}</div> : null}
          {m.toolCalls?.map((call, j) => (
            <pre key={j} className="code tool-call">{call}</pre>
          ))}
        </li>
      ))}
    </ol>
  );
}
