// Preloaded (`node --import`) into every server we run as a child process (servers/util.mjs
// spawnLoopback): whatever host the server asks for, it listens on 127.0.0.1 only. Third-party
// servers such as server-everything call listen(PORT) with no host, which means every interface.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function loopbackListen(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !(first instanceof net.Server) && first.path === undefined) {
    args[0] = { ...first, host: '127.0.0.1', ipv6Only: false };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string' || args[1] === undefined || args[1] === null) args[1] = '127.0.0.1';
    else args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
