// Contrail's dashboard: a live map of every aircraft on a canvas over an offline Leaflet basemap, fed by the public
// GraphQL API (flights(within:) for the first picture, flightUpdates(within:) for the changes), with airports, FIRs,
// emergencies, traffic statistics and, after sign-in, the operators' projections. ADR 0031.
import { graphql, GraphQlSocket } from './graphql-client.js';

const $ = (id) => document.getElementById(id);
const PAGE = 1000;
const MAX_PAGES = 30;
const COLOURS = {
  CLIMBING: '#4ade80', CRUISING: '#60a5fa', DESCENDING: '#fbbf24', ON_GROUND: '#b8c2cc', LOST: '#6b7280',
};
const EMERGENCY = '#ff4d4d';
const EMERGENCY_WORDS = { HIJACK: 'unlawful interference (7500)', RADIO_FAILURE: 'radio failure (7600)', GENERAL_EMERGENCY: 'general emergency (7700)' };
const FLIGHT_FIELDS = `icao24 flightId callsign originCountry onGround groundSpeedMps trackDeg verticalRateMps squawk phase
  emergency firstSeen lastSeen tookOffAt landedAt position { latitude longitude barometricAltitudeM geometricAltitudeM }`;

// ---------------------------------------------------------------------------------------------------------------
// State
const state = {
  aircraft: new Map(), // icao24 -> Flight
  airports: new Map(), // ident -> {ident, name, latitude, longitude, type}
  airspaces: new Map(), // id|source -> {id, source, name, polygons: [[[lon, lat]...]...]}
  emergencies: new Map(), // id -> Emergency
  callsigns: new Map(), // icao24 -> the latest callsign heard, also of aircraft no longer in view
  selected: null, // {kind: 'aircraft'|'airport'|'airspace', id, ...}
  credentials: null,
  firstAircraftAt: null,
};
const socket = new GraphQlSocket(GraphQlSocket.defaultUrl(), (status) => {
  const element = $('status');
  element.textContent = status === 'live' ? 'live' : status === 'connecting' ? 'connecting…' : 'reconnecting…';
  element.className = 'status ' + status;
});

// ---------------------------------------------------------------------------------------------------------------
// Map and basemap: Natural Earth country outlines shipped with Contrail; a tile layer only if ?tiles=URL is given.
const params = new URLSearchParams(location.search);
const map = L.map('map', { preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 14, zoomSnap: 0.5, keyboard: true });
const vectors = L.canvas({ padding: 0.2 });
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution('Outlines: Natural Earth · FIRs: VAT-Spy (CC BY-SA 4.0) · Airports: OurAirports');
if (params.get('tiles')) L.tileLayer(params.get('tiles'), { maxZoom: 18 }).addTo(map);
const initialView = parseHash();
if (initialView) map.setView([initialView.lat, initialView.lon], initialView.zoom);
else map.setView([38.95, -77.45], 9); // the bundled capture: Washington Dulles

async function loadBasemap() {
  if (params.get('tiles')) return;
  const response = await fetch('/basemap/countries-50m.geojson.gz');
  const text = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
  L.geoJSON(JSON.parse(text), {
    renderer: vectors, interactive: false,
    style: { color: '#5b7388', weight: 1, fillColor: '#1c2630', fillOpacity: 1 },
  }).addTo(map);
  firLayer.bringToFront();
}
const firLayer = L.layerGroup().addTo(map);
const trackLayer = L.layerGroup().addTo(map);

function parseHash() {
  const match = /^#(-?[\d.]+),(-?[\d.]+),([\d.]+)$/.exec(location.hash);
  return match ? { lat: +match[1], lon: +match[2], zoom: +match[3] } : null;
}

/** The area in view, a little larger, as a BoundingBoxInput; null when the whole world is in view. */
function viewBox() {
  const bounds = map.getBounds().pad(0.1);
  if (bounds.getEast() - bounds.getWest() >= 360) return null;
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  return {
    south: Math.max(-90, bounds.getSouth()), north: Math.min(90, bounds.getNorth()),
    west: wrap(bounds.getWest()), east: wrap(bounds.getEast()),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The aircraft canvas: every aircraft an arrow rotated by its track, one path per colour, redrawn once per frame.
const canvas = $('aircraft');
const context = canvas.getContext('2d');
let drawPending = false;
let frames = 0;

function requestDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    draw();
  });
}

function resizeCanvas() {
  const size = map.getSize();
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(size.x * ratio);
  canvas.height = Math.round(size.y * ratio);
  canvas.style.width = size.x + 'px';
  canvas.style.height = size.y + 'px';
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
}

/** Web Mercator world pixels at the zoom, as Leaflet's EPSG:3857 projects (cached per aircraft while it holds still). */
function worldPixel(item, latitude, longitude, zoom) {
  if (item._pz === zoom && item._plat === latitude && item._plon === longitude) return;
  const scale = 256 * Math.pow(2, zoom);
  const sin = Math.sin((Math.max(-85.0511287798, Math.min(85.0511287798, latitude)) * Math.PI) / 180);
  item._wx = (scale * (longitude + 180)) / 360;
  item._wy = scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
  item._pz = zoom;
  item._plat = latitude;
  item._plon = longitude;
}

function draw() {
  frames++;
  const size = map.getSize();
  context.clearRect(0, 0, size.x, size.y);
  const zoom = map.getZoom();
  // One projection for the whole frame: container point = world pixel + (the centre's container point - its world pixel).
  const centre = map.getCenter();
  const centrePoint = map.latLngToContainerPoint(centre);
  const reference = {};
  worldPixel(reference, centre.lat, centre.lng, zoom);
  const offsetX = centrePoint.x - reference._wx;
  const offsetY = centrePoint.y - reference._wy;
  drawAirports(size, zoom, offsetX, offsetY);
  const emergencies = new Path2D();
  const scale = zoom >= 9 ? 1.3 : zoom >= 6 ? 1 : 0.75;
  const sprites = spritesAt(scale);
  let visible = 0;
  for (const flight of state.aircraft.values()) {
    const position = flight.position;
    flight._x = undefined;
    if (!position) continue;
    worldPixel(flight, position.latitude, position.longitude, zoom);
    const x = flight._wx + offsetX;
    const y = flight._wy + offsetY;
    if (x < -10 || y < -10 || x > size.x + 10 || y > size.y + 10) continue;
    visible++;
    flight._x = x;
    flight._y = y;
    const bucket = Math.round((((flight.trackDeg || 0) % 360) + 360) % 360 / SPRITE_STEP) % SPRITE_BUCKETS;
    const colour = flight.emergency ? EMERGENCY_INDEX : (PHASE_INDEX[flight.phase] ?? PHASE_INDEX.CRUISING);
    context.drawImage(sprites.images[colour][bucket], Math.round(x - sprites.half), Math.round(y - sprites.half), sprites.size, sprites.size);
    if (flight.emergency) {
      emergencies.moveTo(x + 11 * scale, y);
      emergencies.arc(x, y, 11 * scale, 0, 2 * Math.PI);
    }
  }
  context.lineWidth = 2.5;
  context.strokeStyle = EMERGENCY;
  context.stroke(emergencies);
  if (state.selected && state.selected.kind === 'aircraft') {
    const flight = state.aircraft.get(state.selected.id);
    if (flight && flight._x !== undefined) {
      context.beginPath();
      context.strokeStyle = '#ffffff';
      context.lineWidth = 2;
      context.arc(flight._x, flight._y, 14 * scale, 0, 2 * Math.PI);
      context.stroke();
      if (zoom >= 6 && flight.callsign) {
        context.fillStyle = '#ffffff';
        context.font = '12px system-ui, sans-serif';
        context.fillText(flight.callsign.trim(), flight._x + 16 * scale, flight._y - 8);
      }
    }
  }
  $('on-map').textContent = visible + ' aircraft in view';
  if (visible > 0 && state.firstAircraftAt === null) {
    state.firstAircraftAt = performance.now();
    document.body.dataset.firstAircraftMs = String(Math.round(state.firstAircraftAt));
  }
  canvas.dataset.drawn = String(visible);
}

// Each aircraft is one drawImage of a pre-rendered arrow: per colour, per 5° of track, at the current scale. Filling
// 10,000 paths costs several times more than copying 10,000 small images.
const SPRITE_STEP = 5;
const SPRITE_BUCKETS = 360 / SPRITE_STEP;
const SPRITE_COLOURS = [...Object.values(COLOURS), EMERGENCY];
const PHASE_INDEX = Object.fromEntries(Object.keys(COLOURS).map((phase, index) => [phase, index]));
const EMERGENCY_INDEX = SPRITE_COLOURS.length - 1;
let spriteCache = null;

function spritesAt(scale) {
  const ratio = window.devicePixelRatio || 1;
  if (spriteCache && spriteCache.scale === scale && spriteCache.ratio === ratio) return spriteCache;
  const size = Math.ceil(22 * scale);
  const images = SPRITE_COLOURS.map((colour) => {
    const row = [];
    for (let bucket = 0; bucket < SPRITE_BUCKETS; bucket++) {
      const image = document.createElement('canvas');
      image.width = image.height = Math.ceil(size * ratio);
      const graphics = image.getContext('2d');
      graphics.setTransform(ratio, 0, 0, ratio, 0, 0);
      const path = new Path2D();
      arrow(path, size / 2, size / 2, bucket * SPRITE_STEP, scale);
      graphics.fillStyle = colour;
      graphics.fill(path);
      graphics.strokeStyle = 'rgba(0, 0, 0, 0.6)';
      graphics.lineWidth = 0.75;
      graphics.stroke(path);
      row.push(image);
    }
    return row;
  });
  spriteCache = { scale, ratio, size, half: size / 2, images };
  return spriteCache;
}

function arrow(path, x, y, trackDeg, scale) {
  const angle = (trackDeg * Math.PI) / 180;
  const sin = Math.sin(angle);
  const cos = Math.cos(angle);
  // nose, right wing, tail notch, left wing (north-up shape rotated clockwise by the track)
  const points = [[0, -9], [6, 7], [0, 3], [-6, 7]];
  for (let i = 0; i < points.length; i++) {
    const px = points[i][0] * scale;
    const py = points[i][1] * scale;
    const rx = x + px * cos - py * sin;
    const ry = y + px * sin + py * cos;
    if (i === 0) path.moveTo(rx, ry);
    else path.lineTo(rx, ry);
  }
  path.closePath();
}

function drawAirports(size, zoom, offsetX, offsetY) {
  if (zoom < 5) return;
  context.fillStyle = '#c9a7ff';
  context.strokeStyle = '#c9a7ff';
  context.font = '11px system-ui, sans-serif';
  context.lineWidth = 1.5;
  for (const airport of state.airports.values()) {
    airport._x = undefined;
    const large = airport.type === 'LARGE_AIRPORT';
    if (!large && zoom < 8) continue;
    worldPixel(airport, airport.latitude, airport.longitude, zoom);
    const x = airport._wx + offsetX;
    const y = airport._wy + offsetY;
    if (x < -20 || y < -20 || x > size.x + 20 || y > size.y + 20) continue;
    airport._x = x;
    airport._y = y;
    context.strokeRect(x - 4, y - 4, 8, 8);
    if (zoom >= 7) context.fillText(airport.ident, x + 7, y + 4);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Loading the area in view, and following it: subscribe first, then page through flights(within:), so that no change
// between the two is missed; a newer lastSeen wins either way.
let unsubscribeFlights = null;
let areaGeneration = 0;

async function followArea() {
  const generation = ++areaGeneration;
  const within = viewBox();
  if (unsubscribeFlights) unsubscribeFlights();
  unsubscribeFlights = socket.subscribe(`subscription Updates($within: BoundingBoxInput) { flightUpdates(within: $within) { ${FLIGHT_FIELDS} } }`,
    { within }, {
      next: (data) => applyFlight(data.flightUpdates),
      error: (message) => showStatusError('flightUpdates: ' + message),
    });
  const seen = new Set();
  let after = null;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const data = await graphql(`query Flights($within: BoundingBoxInput, $first: Int, $after: String) {
          flights(within: $within, first: $first, after: $after) { edges { node { ${FLIGHT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { within, first: PAGE, after });
      if (generation !== areaGeneration) return;
      for (const edge of data.flights.edges) {
        seen.add(edge.node.icao24);
        applyFlight(edge.node, false);
      }
      requestDraw();
      if (!data.flights.pageInfo.hasNextPage) break;
      after = data.flights.pageInfo.endCursor;
    }
  } catch (e) {
    showStatusError('flights: ' + e.message);
    return;
  }
  // Aircraft that left the area (or were lost) while it was not followed.
  for (const icao24 of [...state.aircraft.keys()]) {
    const flight = state.aircraft.get(icao24);
    if (!seen.has(icao24) && !(state.selected && state.selected.id === icao24) && !insideView(flight)) state.aircraft.delete(icao24);
  }
  requestDraw();
}

function insideView(flight) {
  return flight.position && map.getBounds().pad(0.1).contains([flight.position.latitude, flight.position.longitude]);
}

function applyFlight(flight, redraw = true) {
  if (flight.callsign) state.callsigns.set(flight.icao24, flight.callsign.trim());
  const known = state.aircraft.get(flight.icao24);
  if (known && known.lastSeen > flight.lastSeen) return;
  if (flight.phase === 'LOST') state.aircraft.delete(flight.icao24);
  else state.aircraft.set(flight.icao24, flight);
  if (state.selected && state.selected.kind === 'aircraft' && state.selected.id === flight.icao24) {
    renderAircraftDetails(flight);
    extendTrack(flight);
  }
  if (redraw) requestDraw();
}

function showStatusError(message) {
  const element = $('status');
  element.textContent = message;
  element.className = 'status error';
}

// Airports and FIR boundaries of the area in view, from the Airport and Airspace read models.
async function loadAirportsAndAirspaces() {
  const within = viewBox() || { south: -90, west: -180, north: 90, east: 180 };
  const zoom = map.getZoom();
  try {
    if (zoom >= 5) {
      const types = zoom >= 8 ? ['LARGE_AIRPORT', 'MEDIUM_AIRPORT'] : ['LARGE_AIRPORT'];
      for (const type of types) {
        const data = await graphql(`query Airports($within: BoundingBoxInput, $type: AirportType) {
            airports(within: $within, type: $type, first: 1000) { edges { node { ident name latitude longitude type } } } }`,
          { within, type });
        for (const edge of data.airports.edges) state.airports.set(edge.node.ident, edge.node);
      }
    }
    if (zoom >= 4) {
      const data = await graphql(`query Airspaces($within: BoundingBoxInput) {
          airspaces(within: $within, first: 300) { id source name boundary } }`, { within });
      for (const airspace of data.airspaces) addAirspace(airspace);
    }
  } catch (e) {
    showStatusError(e.message);
  }
  requestDraw();
}

function addAirspace(airspace) {
  const key = airspace.id + '|' + (airspace.source || '');
  if (state.airspaces.has(key) || !airspace.boundary) return;
  const geometry = JSON.parse(airspace.boundary);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  state.airspaces.set(key, { ...airspace, polygons });
  L.geoJSON(geometry, {
    renderer: vectors, interactive: false,
    style: { color: '#b58cff', weight: 1, opacity: 0.6, fill: false, dashArray: '4 4' },
  }).addTo(firLayer);
}

// ---------------------------------------------------------------------------------------------------------------
// Clicks: an aircraft, else an airport, else the FIR under the click.
map.on('click', (event) => {
  const point = event.containerPoint;
  let best = null;
  let bestDistance = 14 * 14;
  for (const flight of state.aircraft.values()) {
    if (flight._x === undefined || !flight.position) continue;
    const distance = (flight._x - point.x) ** 2 + (flight._y - point.y) ** 2;
    if (distance < bestDistance) {
      best = flight;
      bestDistance = distance;
    }
  }
  if (best) return selectAircraft(best.icao24);
  if (map.getZoom() >= 5) {
    for (const airport of state.airports.values()) {
      if (airport._x !== undefined && Math.abs(airport._x - point.x) <= 8 && Math.abs(airport._y - point.y) <= 8) {
        return selectAirport(airport.ident);
      }
    }
  }
  const lon = event.latlng.wrap().lng;
  const lat = event.latlng.lat;
  for (const airspace of state.airspaces.values()) {
    if (airspace.polygons.some((polygon) => insidePolygon(lon, lat, polygon))) return selectAirspace(airspace);
  }
  return null;
});

function insidePolygon(lon, lat, rings) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

let unsubscribeDetails = null;

function clearSelection() {
  if (unsubscribeDetails) unsubscribeDetails();
  unsubscribeDetails = null;
  state.selected = null;
  trackLayer.clearLayers();
  $('details').hidden = true;
  $('details').innerHTML = '';
  requestDraw();
}

function detailsPanel(title, body) {
  const panel = $('details');
  panel.hidden = false;
  panel.innerHTML = `<h2><span>${title}</span><button type="button" class="close" aria-label="Close the details">✕</button></h2>${body}`;
  panel.querySelector('.close').addEventListener('click', clearSelection);
  return panel;
}

function escape(value) {
  return value === null || value === undefined ? '' : String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const number = (value, digits = 0) => (value === null || value === undefined ? '–' : Number(value).toFixed(digits));
const time = (iso) => (iso ? iso.substring(11, 19) + 'Z' : '–');
const dateTime = (iso) => (iso ? iso.substring(0, 16).replace('T', ' ') + 'Z' : '–');

async function selectAircraft(icao24) {
  clearSelection();
  state.selected = { kind: 'aircraft', id: icao24 };
  let flight = state.aircraft.get(icao24);
  if (!flight) {
    const data = await graphql(`query One($icao24: ID!) { flight(icao24: $icao24) { ${FLIGHT_FIELDS} } }`, { icao24 });
    flight = data.flight;
    if (!flight) {
      detailsPanel('Unknown aircraft', `<p>No aircraft ${escape(icao24)} is known.</p>`);
      return;
    }
    if (flight.phase !== 'LOST') state.aircraft.set(icao24, flight);
  }
  if (flight.position) map.panTo([flight.position.latitude, flight.position.longitude]);
  renderAircraftDetails(flight);
  $('details').focus();
  requestDraw();
  const to = new Date(Date.now() + 60000);
  const from = new Date(Math.max(Date.parse(flight.firstSeen), to.getTime() - 24 * 3600 * 1000 + 60000));
  try {
    const data = await graphql(`query Track($icao24: ID!, $from: String!, $to: String!, $recent: Int) {
        flightTrack(icao24: $icao24, from: $from, to: $to) { points { latitude longitude } truncated }
        recentFlights(icao24: $icao24, first: $recent) { flightId callsign status detectedAt tookOffAt landedAt lostAt } }`,
      { icao24, from: from.toISOString(), to: to.toISOString(), recent: 5 });
    if (!state.selected || state.selected.id !== icao24) return;
    state.track = L.polyline(data.flightTrack.points.map((p) => [p.latitude, p.longitude]),
      { renderer: vectors, color: '#ffffff', weight: 2, opacity: 0.8, interactive: false }).addTo(trackLayer);
    const track = $('details').querySelector('[data-track]');
    if (track) track.textContent = data.flightTrack.points.length + ' positions' + (data.flightTrack.truncated ? ' (truncated)' : '');
    state.recentFlights = data.recentFlights;
    renderAircraftDetails(state.aircraft.get(icao24) || flight);
  } catch (e) {
    showStatusError(e.message);
  }
}

function extendTrack(flight) {
  if (state.track && flight.position) state.track.addLatLng([flight.position.latitude, flight.position.longitude]);
}

function renderAircraftDetails(flight) {
  const position = flight.position || {};
  const emergency = flight.emergency ? `<p class="emergency-text">Emergency: ${escape(EMERGENCY_WORDS[flight.emergency] || flight.emergency)}</p>` : '';
  const recent = (state.recentFlights || []).map((record) => `<tr><td>${escape(record.callsign || '')}</td><td>${escape(record.status)}</td>
      <td>${dateTime(record.tookOffAt || record.detectedAt)}</td><td>${dateTime(record.landedAt || record.lostAt)}</td></tr>`).join('');
  const trackText = state.track ? state.track.getLatLngs().length + ' positions' : 'loading…';
  detailsPanel(`Aircraft <span data-testid="details-callsign">${escape((flight.callsign || flight.icao24).trim())}</span>`, `${emergency}
    <dl>
      <dt>ICAO 24-bit</dt><dd data-testid="details-icao24">${escape(flight.icao24)}</dd>
      <dt>Origin country</dt><dd>${escape(flight.originCountry || '–')}</dd>
      <dt>Phase</dt><dd data-testid="details-phase">${escape(flight.phase)}</dd>
      <dt>Altitude</dt><dd>${number(position.barometricAltitudeM)} m (${number(position.barometricAltitudeM / 0.3048)} ft)</dd>
      <dt>Ground speed</dt><dd>${number(flight.groundSpeedMps)} m/s (${number(flight.groundSpeedMps * 1.943844)} kt)</dd>
      <dt>Track</dt><dd>${number(flight.trackDeg)}°</dd>
      <dt>Vertical rate</dt><dd>${number(flight.verticalRateMps, 1)} m/s</dd>
      <dt>Squawk</dt><dd data-testid="details-squawk">${escape(flight.squawk || '–')}</dd>
      <dt>Position</dt><dd data-testid="details-position">${number(position.latitude, 4)}, ${number(position.longitude, 4)}</dd>
      <dt>Last seen</dt><dd>${time(flight.lastSeen)}</dd>
      <dt>Track drawn</dt><dd data-track data-testid="details-track">${trackText}</dd>
    </dl>
    <h3>Recent flights</h3>
    <table data-testid="recent-flights"><thead><tr><th>Callsign</th><th>Status</th><th>From</th><th>To</th></tr></thead><tbody>${recent}</tbody></table>`);
}

async function selectAirport(ident) {
  clearSelection();
  state.selected = { kind: 'airport', id: ident };
  let data;
  try {
    data = await graphql(`query Board($ident: ID!) {
        airport(icao: $ident) { ident name municipality iataCode latitude longitude runways { name } }
        departures(airport: $ident, first: 15) { ${MOVEMENT_FIELDS} }
        arrivals(airport: $ident, first: 15) { ${MOVEMENT_FIELDS} } }`, { ident });
  } catch (e) {
    detailsPanel('Airport', `<p class="error">${escape(e.message)}</p>`);
    return;
  }
  if (!data.airport) {
    detailsPanel('Unknown airport', `<p>No airport ${escape(ident)} is known.</p>`);
    return;
  }
  const airport = data.airport;
  const board = { departures: data.departures, arrivals: data.arrivals };
  map.panTo([airport.latitude, airport.longitude]);
  const render = () => {
    detailsPanel(`Airport <span data-testid="airport-ident">${escape(airport.ident)}</span>`, `
      <p>${escape(airport.name)}${airport.municipality ? ', ' + escape(airport.municipality) : ''}${airport.iataCode ? ' (' + escape(airport.iataCode) + ')' : ''}</p>
      <p class="muted">Runways: ${airport.runways.map((runway) => escape(runway.name)).join(', ') || '–'}</p>
      <h3>Departures</h3>${movementTable(board.departures, 'DEPARTURE')}
      <h3>Arrivals</h3>${movementTable(board.arrivals, 'ARRIVAL')}`);
  };
  render();
  $('details').focus();
  unsubscribeDetails = socket.subscribe(`subscription Movements($ident: ID!) { airportMovements(airport: $ident) { ${MOVEMENT_FIELDS} } }`,
    { ident: airport.ident }, {
      next: (update) => {
        const movement = update.airportMovements;
        const list = movement.kind === 'DEPARTURE' ? board.departures : board.arrivals;
        if (list.some((known) => known.id === movement.id)) return;
        list.unshift(movement);
        list.length = Math.min(list.length, 15);
        render();
      },
      error: (message) => showStatusError('airportMovements: ' + message),
    });
}

const MOVEMENT_FIELDS = 'id kind icao24 callsign runway at flight { origin { ident } destination { ident } }';

function movementTable(movements, kind) {
  const other = kind === 'DEPARTURE' ? 'To' : 'From';
  const rows = movements.map((movement) => {
    const airport = kind === 'DEPARTURE' ? movement.flight && movement.flight.destination : movement.flight && movement.flight.origin;
    return `<tr><td>${time(movement.at)}</td><td><button type="button" class="linklike" data-icao24="${escape(movement.icao24)}">${escape((movement.callsign || movement.icao24).trim())}</button></td>
      <td>${escape(movement.runway || '–')}</td><td>${escape(airport ? airport.ident : '–')}</td></tr>`;
  }).join('');
  return `<table data-testid="${kind === 'DEPARTURE' ? 'departures' : 'arrivals'}"><thead><tr><th>Time</th><th>Flight</th><th>Runway</th><th>${other}</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="4" class="muted">none yet</td></tr>'}</tbody></table>`;
}

async function selectAirspace(airspace) {
  clearSelection();
  state.selected = { kind: 'airspace', id: airspace.id };
  const variables = { id: airspace.id, source: airspace.source };
  const to = new Date();
  const from = new Date(to.getTime() - 6 * 3600 * 1000);
  let data;
  try {
    data = await graphql(`query Occupancy($id: ID!, $source: String, $from: String!, $to: String!) {
        airspace(id: $id, source: $source) { id name capacity occupancy { count capacity overCapacity capacityAlertAt }
          entriesPerHour(from: $from, to: $to) { hour entries } transits(last: 10) { kind at icao24 reason } } }`,
      { ...variables, from: from.toISOString(), to: to.toISOString() });
  } catch (e) {
    detailsPanel('Airspace', `<p class="error">${escape(e.message)}</p>`);
    return;
  }
  const volume = data.airspace;
  const render = () => {
    const occupancy = volume.occupancy;
    detailsPanel(`Airspace <span data-testid="airspace-id">${escape(volume.id)}</span>`, `
      <p>${escape(volume.name || '')}</p>
      <dl><dt>Inside now</dt><dd data-testid="airspace-count">${occupancy.count} of ${occupancy.capacity ?? '–'}</dd>
      <dt>Over capacity</dt><dd class="${occupancy.overCapacity ? 'emergency-text' : ''}">${occupancy.overCapacity ? 'yes, since ' + time(occupancy.capacityAlertAt) : 'no'}</dd></dl>
      <h3>Entries per hour (6 h)</h3>
      <table><tbody>${volume.entriesPerHour.map((hour) => `<tr><td>${time(hour.hour)}</td><td>${hour.entries}</td></tr>`).join('') || '<tr><td class="muted">none</td></tr>'}</tbody></table>
      <h3>Latest entries and exits</h3>
      <table><tbody>${volume.transits.map((event) => `<tr><td>${time(event.at)}</td><td>${escape(event.kind)}</td><td>${escape(event.icao24 || '')}</td><td>${escape(event.reason || '')}</td></tr>`).join('') || '<tr><td class="muted">none</td></tr>'}</tbody></table>`);
  };
  render();
  unsubscribeDetails = socket.subscribe(`subscription Events($id: ID!, $source: String) {
      airspaceEvents(airspace: $id, source: $source) { kind at icao24 reason occupants capacity } }`, variables, {
    next: (update) => {
      const event = update.airspaceEvents;
      volume.occupancy.count = event.occupants;
      if (event.kind === 'CAPACITY_EXCEEDED') { volume.occupancy.overCapacity = true; volume.occupancy.capacityAlertAt = event.at; }
      if (event.kind === 'CAPACITY_RESTORED') { volume.occupancy.overCapacity = false; volume.occupancy.capacityAlertAt = event.at; }
      if (event.kind === 'ENTRY' || event.kind === 'EXIT') volume.transits = [event, ...volume.transits].slice(0, 10);
      render();
    },
    error: (message) => showStatusError('airspaceEvents: ' + message),
  });
}

// Links inside the panels that select an aircraft or an airport.
document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-icao24], [data-airport]');
  if (!target) return;
  if (target.dataset.icao24) selectAircraft(target.dataset.icao24);
  else selectAirport(target.dataset.airport);
});

$('search').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('search-input').value.trim();
  if (!text) return;
  if (/^[0-9a-f]{6}$/i.test(text) && (state.aircraft.has(text.toLowerCase()))) return selectAircraft(text.toLowerCase());
  const wanted = text.toUpperCase();
  for (const flight of state.aircraft.values()) {
    if (flight.callsign && flight.callsign.trim().toUpperCase() === wanted) return selectAircraft(flight.icao24);
  }
  if (/^[0-9a-f]{6}$/i.test(text)) return selectAircraft(text.toLowerCase());
  return selectAirport(wanted);
});

// ---------------------------------------------------------------------------------------------------------------
// Emergencies: the active ones, then every declaration and end as it happens.
function renderEmergencies() {
  const banner = $('emergencies');
  const active = [...state.emergencies.values()].filter((emergency) => emergency.active);
  banner.hidden = active.length === 0;
  banner.innerHTML = active.map((emergency) => {
    const name = state.callsigns.get(emergency.icao24) || emergency.icao24;
    return `<span data-testid="emergency">EMERGENCY ${escape(name)} squawks ${escape(emergency.squawk)}: ${escape(EMERGENCY_WORDS[emergency.kind] || emergency.kind)}
      since ${time(emergency.declaredAt)} <button type="button" data-icao24="${escape(emergency.icao24)}">Show ${escape(name)}</button></span>`;
  }).join('');
}

async function reconcileEmergencies() {
  const data = await graphql('{ emergencies(active: true, first: 50) { id icao24 kind squawk declaredAt active } }');
  state.emergencies = new Map(data.emergencies.map((emergency) => [emergency.id, emergency]));
  renderEmergencies();
}

async function followEmergencies() {
  socket.subscribe('subscription { emergencies { id icao24 kind squawk declaredAt active } }', {}, {
    next: (data) => {
      const emergency = data.emergencies;
      if (emergency.active) state.emergencies.set(emergency.id, emergency);
      else state.emergencies.delete(emergency.id);
      renderEmergencies();
    },
    error: (message) => showStatusError('emergencies: ' + message),
  });
  const data = await graphql('{ emergencies(active: true, first: 50) { id icao24 kind squawk declaredAt active } }');
  for (const emergency of data.emergencies) if (!state.emergencies.has(emergency.id)) state.emergencies.set(emergency.id, emergency);
  renderEmergencies();
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics panels, refreshed every 15 s.
async function refreshStatistics() {
  try {
    const data = await graphql(`query Stats($window: String) {
        trafficStats(window: $window, top: 5) { aircraft airborne onGround byOriginCountry { originCountry aircraft }
          fastest { icao24 callsign groundSpeedMps } highest { icao24 callsign barometricAltitudeM } }
        busiestAirports(first: 5) { ident departures arrivals movements airport { name } } }`, { window: $('stats-window').value });
    const stats = data.trafficStats;
    $('total-aircraft').textContent = stats.aircraft;
    $('total-airborne').textContent = stats.airborne;
    $('total-ground').textContent = stats.onGround;
    const aircraftItem = (aircraft, value) => `<li><button type="button" data-icao24="${escape(aircraft.icao24)}">${escape((aircraft.callsign || aircraft.icao24).trim())}</button> <span class="value">${value}</span></li>`;
    $('fastest').innerHTML = stats.fastest.map((a) => aircraftItem(a, number(a.groundSpeedMps * 1.943844) + ' kt')).join('') || '<li class="muted">none</li>';
    $('highest').innerHTML = stats.highest.map((a) => aircraftItem(a, number(a.barometricAltitudeM / 0.3048) + ' ft')).join('') || '<li class="muted">none</li>';
    const most = stats.byOriginCountry.length ? stats.byOriginCountry[0].aircraft : 1;
    $('countries').innerHTML = stats.byOriginCountry.slice(0, 8).map((country) => `<li>${escape(country.originCountry || 'unknown')}
      <span class="value">${country.aircraft}</span><meter min="0" max="${most}" value="${country.aircraft}" aria-hidden="true" style="width:100%;height:6px"></meter></li>`).join('') || '<li class="muted">none</li>';
    $('busiest').innerHTML = data.busiestAirports.map((busy) => `<li><button type="button" data-airport="${escape(busy.ident)}">${escape(busy.ident)}</button>
      ${escape(busy.airport ? busy.airport.name : '')} <span class="value">${busy.movements} (${busy.departures}↑ ${busy.arrivals}↓)</span></li>`).join('') || '<li class="muted">none yet</li>';
  } catch (e) {
    showStatusError(e.message);
  }
}
$('stats-window').addEventListener('change', refreshStatistics);

// ---------------------------------------------------------------------------------------------------------------
// Operators: sign in with the admin's credentials (checked against an admin-only endpoint), then the projections,
// replay with its progress, cancel, republish.
// GraphiQL is served where it is turned on (the demo), not in production (ADR 0038): link it only if it is there.
fetch('/graphiql/', { method: 'HEAD' }).then((response) => { $('graphiql-link').hidden = !response.ok; }, () => {});

$('sign-in').addEventListener('click', () => {
  if (state.credentials) {
    state.credentials = null;
    $('operators').hidden = true;
    $('sign-in').textContent = 'Operators';
    return;
  }
  $('sign-in-error').textContent = '';
  $('sign-in-dialog').showModal();
});
$('sign-in-cancel').addEventListener('click', () => $('sign-in-dialog').close());
$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const credentials = { username: $('sign-in-user').value, password: $('sign-in-password').value };
  const response = await fetch('/actuator/info', { headers: { Authorization: 'Basic ' + btoa(credentials.username + ':' + credentials.password) } });
  if (!response.ok) {
    $('sign-in-error').textContent = response.status === 429 ? 'Too many failed sign-ins: wait a minute.' : 'Those are not the admin\'s credentials.';
    return;
  }
  state.credentials = credentials;
  $('sign-in-dialog').close();
  $('sign-in').textContent = 'Sign out';
  $('operators').hidden = false;
  refreshProjections();
});

const replayWatchers = new Map();

async function refreshProjections() {
  if (!state.credentials) return;
  try {
    const data = await graphql(`{ projections { name state reason serving { generation lag eventsProcessed streamsState }
        rebuilding { generation lag } lastReplay { state fraction eventsDone eventsTotal etaSeconds } } }`, {}, state.credentials);
    $('projections').innerHTML = data.projections.map((projection) => {
      const replay = projection.lastReplay;
      const progress = projection.rebuilding && replay ? `<progress max="1" value="${replay.fraction}" aria-label="Rebuild of ${escape(projection.name)}"></progress>
        <span class="muted">${number(replay.fraction * 100)} % · ${replay.etaSeconds === null ? '' : number(replay.etaSeconds) + ' s left'}</span>` : '';
      return `<div class="projection"><div class="row"><strong>${escape(projection.name)}</strong><span>${escape(projection.state)}</span>
        <span class="muted">lag ${number(projection.serving ? projection.serving.lag : null)}</span>
        ${projection.rebuilding ? `<button type="button" data-cancel="${escape(projection.name)}">Cancel</button>` : `<button type="button" data-replay="${escape(projection.name)}">Replay</button>`}</div>
        ${projection.reason ? `<p class="error">${escape(projection.reason)}</p>` : ''}${progress}</div>`;
    }).join('') + '<p><button type="button" id="republish">Republish every event</button></p>';
    for (const projection of data.projections) if (projection.rebuilding) watchReplay(projection.name);
  } catch (e) {
    $('projections').innerHTML = `<p class="error">${escape(e.message)}</p>`;
  }
}

function watchReplay(name) {
  if (replayWatchers.has(name)) return;
  replayWatchers.set(name, socket.subscribe(`subscription Progress($name: String!) { replayProgress(projection: $name) { state fraction } }`,
    { name }, {
      next: () => refreshProjections(),
      error: (message) => showStatusError('replayProgress: ' + message),
      complete: () => { replayWatchers.delete(name); refreshProjections(); },
    }));
}

$('projections').addEventListener('click', async (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  try {
    if (button.dataset.replay) {
      await graphql('mutation Replay($name: String!) { replayProjection(name: $name) { generation } }', { name: button.dataset.replay }, state.credentials);
      watchReplay(button.dataset.replay);
    } else if (button.dataset.cancel) {
      await graphql('mutation Cancel($name: String!) { cancelReplay(name: $name) { generation } }', { name: button.dataset.cancel }, state.credentials);
    } else if (button.id === 'republish') {
      await graphql('mutation { republishEvents { events } }', {}, state.credentials);
    }
  } catch (e) {
    showStatusError(e.message);
  }
  refreshProjections();
});

// ---------------------------------------------------------------------------------------------------------------
// Start, and follow the map.
let moveTimer = null;
map.on('move zoom', requestDraw);
map.on('moveend zoomend', () => {
  clearTimeout(moveTimer);
  history.replaceState(null, '', `#${map.getCenter().lat.toFixed(4)},${map.getCenter().lng.toFixed(4)},${map.getZoom()}`);
  moveTimer = setTimeout(() => {
    followArea();
    loadAirportsAndAirspaces();
  }, 250);
});
map.on('resize', () => { resizeCanvas(); requestDraw(); });
resizeCanvas();
followArea();
loadAirportsAndAirspaces();
loadBasemap().catch((e) => showStatusError('basemap: ' + e.message));
followEmergencies().catch((e) => showStatusError(e.message));
refreshStatistics();
setInterval(refreshStatistics, 15000);
// The subscription brings each declaration as it happens; asking again now and then repairs what a reconnect missed.
setInterval(() => reconcileEmergencies().catch((e) => showStatusError(e.message)), 20000);
setInterval(refreshProjections, 5000);

// For the browser tests and the frame-rate measurement: the state and the drawing, nothing more.
window.contrail = {
  map, state, draw, requestDraw, applyFlight,
  frames: () => frames,
};
