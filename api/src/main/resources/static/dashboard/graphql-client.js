// Contrail's GraphQL from the browser: queries and mutations over HTTP, subscriptions over one WebSocket speaking the
// graphql-transport-ws protocol (connection_init / connection_ack, subscribe / next / error / complete, ping / pong),
// the protocol Spring for GraphQL serves on /graphql. No WebJar packages a graphql-ws client, and the protocol is short.

/** Runs a query or mutation; resolves to its data, or rejects with the GraphQL errors' messages. */
export async function graphql(query, variables = {}, credentials = null) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  if (credentials) headers.Authorization = 'Basic ' + btoa(credentials.username + ':' + credentials.password);
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error('HTTP ' + response.status);
  }
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map((error) => error.message).join('; '));
  }
  if (!response.ok) throw new Error(body.error || 'HTTP ' + response.status);
  return body.data;
}

/**
 * One WebSocket for every subscription of the page. It connects when the first subscription starts, and if the
 * connection drops it reconnects (1 s, 2 s, ... at most 15 s apart) and subscribes again to whatever is still wanted.
 */
export class GraphQlSocket {
  constructor(url = GraphQlSocket.defaultUrl(), onStatus = () => {}) {
    this.url = url;
    this.onStatus = onStatus;
    this.sinks = new Map();
    this.nextId = 1;
    this.socket = null;
    this.acknowledged = false;
    this.retryDelay = 1000;
    this.retryTimer = null;
  }

  static defaultUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
  }

  /** Subscribes; sink has next(data), error(message) and complete(). Returns the function that unsubscribes. */
  subscribe(query, variables, sink) {
    const id = String(this.nextId++);
    this.sinks.set(id, { query, variables, sink });
    if (this.acknowledged) this.send({ id, type: 'subscribe', payload: { query, variables } });
    else this.connect();
    return () => {
      if (!this.sinks.delete(id)) return;
      if (this.acknowledged) this.send({ id, type: 'complete' });
    };
  }

  connect() {
    if (this.socket || this.retryTimer) return;
    this.onStatus('connecting');
    const socket = new WebSocket(this.url, 'graphql-transport-ws');
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = () => {
      this.socket = null;
      this.acknowledged = false;
      this.onStatus('disconnected');
      if (this.sinks.size === 0) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 15000);
    };
  }

  receive(message) {
    switch (message.type) {
      case 'connection_ack':
        this.acknowledged = true;
        this.retryDelay = 1000;
        this.onStatus('live');
        for (const [id, { query, variables }] of this.sinks) {
          this.send({ id, type: 'subscribe', payload: { query, variables } });
        }
        break;
      case 'ping':
        this.send({ type: 'pong' });
        break;
      case 'next': {
        const entry = this.sinks.get(message.id);
        if (!entry) break;
        if (message.payload.errors && message.payload.errors.length) {
          entry.sink.error(message.payload.errors.map((error) => error.message).join('; '));
        } else {
          entry.sink.next(message.payload.data);
        }
        break;
      }
      case 'error': {
        const entry = this.sinks.get(message.id);
        this.sinks.delete(message.id);
        if (entry) entry.sink.error((message.payload || []).map((error) => error.message).join('; '));
        break;
      }
      case 'complete': {
        const entry = this.sinks.get(message.id);
        this.sinks.delete(message.id);
        if (entry && entry.sink.complete) entry.sink.complete();
        break;
      }
      default:
        break;
    }
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
