// leaflet.markercluster is a UMD script that extends the global `L`: expose Leaflet
// before it is evaluated (ES imports run in order, so main.js imports this first).
import L from "leaflet";

globalThis.L = L;
export default L;
