/* firstframe RRGGBB Y READY N COMMAND [ARG...]: starts COMMAND and
 * measures, from just before it is executed, when its first top-level
 * window is mapped, when the row Y pixels down that window first shows
 * mostly the colour RRGGBB on the screen (a header painted), and then when
 * at least N pixels of the window have the colour READY (a form's input
 * borders: the screen is usable; READY "-" skips this). It polls the
 * screen every millisecond (every 5 for the whole window). Prints
 * "pid=PID map_ms=M paint_ms=P ready_ms=R" and leaves COMMAND running.
 * Exit 1 if nothing is painted within 20 s. */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int ignore(Display *d, XErrorEvent *e) { (void)d; (void)e; return 0; }

static int near(unsigned long a, unsigned long b) {
  for (int s = 0; s < 24; s += 8) {
    int x = (a >> s) & 0xff, y = (b >> s) & 0xff;
    if (abs(x - y) > 6) return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 6) {
    fprintf(stderr, "usage: firstframe RRGGBB Y READY N COMMAND [ARG...]\n");
    return 2;
  }
  unsigned long want = strtoul(argv[1], NULL, 16);
  int row = atoi(argv[2]);
  int check_ready = argv[3][0] != '-';
  unsigned long ready_colour = strtoul(argv[3], NULL, 16);
  int ready_n = atoi(argv[4]);
  Display *d = XOpenDisplay(NULL);
  if (!d) { fprintf(stderr, "firstframe: no display\n"); return 2; }
  XSetErrorHandler(ignore);
  Window root = DefaultRootWindow(d);
  XSelectInput(d, root, SubstructureNotifyMask);
  XSync(d, False);

  double t0 = now_ms();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(2, 1); /* our output is the measurement alone */
    execvp(argv[5], argv + 5);
    perror("firstframe: exec");
    _exit(127);
  }
  Window win = 0;
  double mapped = 0, painted = 0;
  while (now_ms() - t0 < 20000 && !painted) {
    while (XPending(d)) {
      XEvent e;
      XNextEvent(d, &e);
      if (e.type == MapNotify && !win && !e.xmap.override_redirect) {
        XWindowAttributes a;
        if (XGetWindowAttributes(d, e.xmap.window, &a) && a.width > 200 && a.height > 200) {
          win = e.xmap.window;
          mapped = now_ms() - t0;
        }
      }
    }
    if (win) {
      XWindowAttributes a;
      int x, y;
      Window child;
      if (XGetWindowAttributes(d, win, &a) && XTranslateCoordinates(d, win, root, 0, 0, &x, &y, &child)) {
        XImage *img = XGetImage(d, root, x, y + row, a.width, 1, AllPlanes, ZPixmap);
        if (img) {
          int hits = 0;
          for (int i = 0; i < a.width; i++) hits += near(XGetPixel(img, i, 0), want);
          XDestroyImage(img);
          if (hits > a.width / 2) painted = now_ms() - t0;
        }
      }
    }
    if (!painted) usleep(1000);
  }
  double ready = 0;
  while (painted && check_ready && now_ms() - t0 < 20000) {
    XWindowAttributes a;
    int x, y, hits = 0;
    Window child;
    if (XGetWindowAttributes(d, win, &a) && XTranslateCoordinates(d, win, root, 0, 0, &x, &y, &child)) {
      XImage *img = XGetImage(d, root, x, y, a.width, a.height, AllPlanes, ZPixmap);
      if (img) {
        for (int j = 0; j < a.height; j++)
          for (int i = 0; i < a.width; i++) hits += near(XGetPixel(img, i, j), ready_colour);
        XDestroyImage(img);
      }
    }
    if (hits >= ready_n) {
      ready = now_ms() - t0;
      break;
    }
    usleep(5000);
  }
  printf("pid=%d map_ms=%.0f paint_ms=%.0f ready_ms=%.0f\n", pid, mapped, painted, ready);
  return painted ? 0 : 1;
}
