// GraphiQL on Contrail's API: queries and mutations over HTTP, subscriptions over the graphql-transport-ws WebSocket
// (the same small client as the dashboard's). ADR 0031.
import { GraphQlSocket } from '/dashboard/graphql-client.js';

const socket = new GraphQlSocket();
const { parse } = GraphiQL.GraphQL;

/** The kind of the operation GraphiQL runs: the named one, or the only one. */
function operationKind(query, operationName) {
  try {
    const operations = parse(query).definitions.filter((definition) => definition.kind === 'OperationDefinition');
    const operation = operations.find((candidate) => candidate.name && candidate.name.value === operationName) || operations[0];
    return operation ? operation.operation : 'query';
  } catch (e) {
    return 'query'; // let the server say what is wrong with it
  }
}

/** A subscription as an async iterable of its results, which GraphiQL shows one after another. */
function subscribe(params) {
  const queue = [];
  let wake = null;
  let done = false;
  const push = (item) => { queue.push(item); if (wake) { wake(); wake = null; } };
  const unsubscribe = socket.subscribe(params.query, params.variables || {}, {
    next: (data) => push({ value: { data } }),
    error: (message) => { push({ value: { errors: [{ message }] } }); done = true; push(null); },
    complete: () => { done = true; push(null); },
  });
  return {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          while (queue.length === 0) await new Promise((resolve) => { wake = resolve; });
          const item = queue.shift();
          if (item === null) return { done: true, value: undefined };
          return { done: false, value: item.value };
        },
        async return() { unsubscribe(); done = true; return { done: true, value: undefined }; },
      };
    },
  };
}

async function fetcher(params, options) {
  if (operationKind(params.query, params.operationName) === 'subscription') return subscribe(params);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...(options && options.headers) };
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return response.json();
}

const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, {
  fetcher,
  defaultEditorToolsVisibility: true,
  defaultQuery: `# Contrail's GraphQL API: run with the play button or Ctrl-Enter.
# The Docs panel (top left) describes every field.
{
  flights(first: 5) {
    edges { node { icao24 callsign phase position { latitude longitude barometricAltitudeM } } }
  }
}
`,
}));
