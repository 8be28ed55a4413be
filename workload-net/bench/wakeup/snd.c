/* virtbench bench: UDP sender for the jitter baseline (see run.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>
// sends N datagrams of SIZE bytes every PERIOD_US to 127.0.0.1:PORT, each with a CLOCK_MONOTONIC us timestamp
// and its index (from FIRST, default 0; the receivers ignore indexes >= 1 << 30: a warm-up)
int main(int c, char **v) {
  int port = atoi(v[1]), n = atoi(v[2]), size = atoi(v[3]); long period = atol(v[4]); int first = c > 5 ? atoi(v[5]) : 0;
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(port); a.sin_addr.s_addr = htonl(0x7f000001);
  char *buf = calloc(1, size);
  struct timespec t0; clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < n; i++) {
    struct timespec due = t0; long ns = t0.tv_nsec + (long)i * period * 1000;
    due.tv_sec += ns / 1000000000; due.tv_nsec = ns % 1000000000;
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
    struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
    long long us = (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
    memcpy(buf, &us, 8); int idx = first + i; memcpy(buf + 8, &idx, 4);
    sendto(s, buf, size, 0, (struct sockaddr *)&a, sizeof a);
  }
  return 0;
}
