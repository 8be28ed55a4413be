/* virtbench bench: blocking UDP receiver for the jitter baseline (see run.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <math.h>
#include <fcntl.h>
#include <sys/epoll.h>
// receives N datagrams on 127.0.0.1:PORT (blocking recv), prints RFC 1889 jitter (ms) as iperf3 computes it;
// with a third argument "epoll": a non-blocking socket, epoll_wait (edge-triggered, as Netty's), then recv
int main(int c, char **v) {
  int port = atoi(v[1]), n = atoi(v[2]);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  int rb = 4 << 20; setsockopt(s, SOL_SOCKET, SO_RCVBUF, &rb, sizeof rb);
  struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(port); a.sin_addr.s_addr = htonl(0x7f000001);
  if (bind(s, (struct sockaddr *)&a, sizeof a)) { perror("bind"); return 1; }
  int ep = -1;
  if (c > 3 && !strcmp(v[3], "epoll")) {
    fcntl(s, F_SETFL, O_NONBLOCK);
    ep = epoll_create1(0);
    struct epoll_event e = {0}; e.events = EPOLLIN | EPOLLET; e.data.fd = s;
    epoll_ctl(ep, EPOLL_CTL_ADD, s, &e);
  }
  static char buf[70000]; double jitter = 0, prev = 0;
  for (int i = 0; i < n; i++) {
    if (ep >= 0) {
      struct epoll_event e;
      while (recv(s, buf, sizeof buf, 0) < 0) epoll_wait(ep, &e, 1, -1);
    } else {
      recv(s, buf, sizeof buf, 0);
    }
    struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
    long long us = (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000, sent; memcpy(&sent, buf, 8);
    double transit = (us - sent) / 1e6;
    if (i == 0) prev = transit;
    double d = fabs(transit - prev); prev = transit; jitter += (d - jitter) / 16.0;
  }
  printf("%.3f\n", jitter * 1000);
  return 0;
}
