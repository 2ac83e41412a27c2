// What a cookie does for its site. Its own module: the framework table names roles, and classification
// (which reads that table) decides them.
export type Role = 'session' | 'auth' | 'csrf' | 'tracking' | 'preference' | 'unknown';
