package matrix;

/** QR decomposition by Householder reflections: A = Q * R, for rows &gt;= columns. */
public final class Qr {
    private final Matrix q;
    private final Matrix r;

    private Qr(Matrix q, Matrix r) {
        this.q = q;
        this.r = r;
    }

    /**
     * Decomposes a matrix with at least as many rows as columns.
     *
     * @param a the matrix
     * @return its decomposition
     */
    public static Qr of(Matrix a) {
        int m = a.rows();
        int n = a.cols();
        if (m < n) {
            throw new IllegalArgumentException("QR needs rows >= columns, got " + a.shape());
        }
        double[] r = a.values();
        double[] q = Matrix.identity(m).values();
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += r[i * n + k] * r[i * n + k];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            double alpha = r[k * n + k] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = k; i < m; i++) {
                v[i] = r[i * n + k];
            }
            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < m; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = k; i < m; i++) {
                    s += v[i] * r[i * n + j];
                }
                double f = 2 * s / vv;
                for (int i = k; i < m; i++) {
                    r[i * n + j] -= f * v[i];
                }
            }
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int l = k; l < m; l++) {
                    s += q[i * m + l] * v[l];
                }
                double f = 2 * s / vv;
                for (int l = k; l < m; l++) {
                    q[i * m + l] -= f * v[l];
                }
            }
        }
        for (int i = 1; i < m; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
                r[i * n + j] = 0;
            }
        }
        return new Qr(new Matrix(m, m, q), new Matrix(m, n, r));
    }

    /** @return the orthogonal factor Q */
    public Matrix q() {
        return q;
    }

    /** @return the upper triangular factor R */
    public Matrix r() {
        return r;
    }
}
