/* replay_main.c - runs a fuzz target's LLVMFuzzerTestOneInput over saved
 * inputs (files, or every file in directories) so CTest replays the corpus
 * without libFuzzer.  Exit 1 when an argument cannot be read or holds no
 * input at all (an empty corpus would make the test pass vacuously). */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_INPUT (1024 * 1024)

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t n = 0;
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    buf = malloc(REPLAY_MAX_INPUT);
    if (!buf) {
        fclose(f);
        return -1;
    }
    n = fread(buf, 1, REPLAY_MAX_INPUT, f);
    fclose(f);
    /* An exact-size copy lets ASan catch a read one past the end. */
    {
        unsigned char *exact = malloc(n ? n : 1);
        if (!exact) {
            free(buf);
            return -1;
        }
        memcpy(exact, buf, n);
        free(buf);
        LLVMFuzzerTestOneInput(exact, n);
        free(exact);
    }
    return 0;
}

int main(int argc, char **argv)
{
    int i = 0, ran = 0;
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e = NULL;
            if (!d)
                return 1;
            while ((e = readdir(d)) != NULL) {
                char path[4096];
                if (e->d_name[0] == '.')
                    continue;
                snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
                if (run_file(path) != 0) {
                    closedir(d);
                    return 1;
                }
                ran++;
            }
            closedir(d);
        } else {
            if (run_file(argv[i]) != 0)
                return 1;
            ran++;
        }
    }
    printf("replay: %d inputs\n", ran);
    return ran > 0 ? 0 : 1;
}
