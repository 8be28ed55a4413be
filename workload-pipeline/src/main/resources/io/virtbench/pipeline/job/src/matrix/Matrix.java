package matrix;

import java.util.Arrays;

/**
 * A dense, immutable matrix of doubles stored row-major. The library the pipeline workload
 * compiles, tests and checks: small, self-contained, and the same on every platform.
 */
public final class Matrix {
    private final int rows;
    private final int cols;
    private final double[] data;

    /**
     * A matrix of the given shape holding a copy of {@code values} (row-major).
     *
     * @param rows   number of rows, at least 1
     * @param cols   number of columns, at least 1
     * @param values rows * cols values, row after row
     */
    public Matrix(int rows, int cols, double... values) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("shape must be positive: " + rows + "x" + cols);
        }
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values, got " + values.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = values.clone();
    }

    private Matrix(int rows, int cols, double[] data, boolean owned) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("shape must be positive: " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = owned ? data : data.clone();
    }

    /**
     * A matrix of zeros.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @return the zero matrix
     */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[rows * cols], true);
    }

    /**
     * The identity matrix.
     *
     * @param n size
     * @return the n x n identity
     */
    public static Matrix identity(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return new Matrix(n, n, d, true);
    }

    /**
     * A matrix from rows of values.
     *
     * @param values the rows, all of the same length
     * @return the matrix
     */
    public static Matrix of(double[][] values) {
        int r = values.length;
        int c = values[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values, expected " + c);
            }
            System.arraycopy(values[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d, true);
    }

    /**
     * A matrix of pseudo-random values in [-1, 1), reproducible from the seed.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @param seed the seed
     * @return the matrix
     */
    public static Matrix random(int rows, int cols, long seed) {
        double[] d = new double[rows * cols];
        long s = seed;
        for (int i = 0; i < d.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            d[i] = ((s >>> 11) * 0x1.0p-53) * 2 - 1;
        }
        return new Matrix(rows, cols, d, true);
    }

    /** @return number of rows */
    public int rows() {
        return rows;
    }

    /** @return number of columns */
    public int cols() {
        return cols;
    }

    /**
     * One element.
     *
     * @param r row
     * @param c column
     * @return the value at (r, c)
     */
    public double get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside " + rows + "x" + cols);
        }
        return data[r * cols + c];
    }

    /** @return true if the matrix is square */
    public boolean isSquare() {
        return rows == cols;
    }

    /**
     * Element-wise sum.
     *
     * @param o a matrix of the same shape
     * @return this + o
     */
    public Matrix plus(Matrix o) {
        requireSameShape(o);
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] + o.data[i];
        }
        return new Matrix(rows, cols, d, true);
    }

    /**
     * Element-wise difference.
     *
     * @param o a matrix of the same shape
     * @return this - o
     */
    public Matrix minus(Matrix o) {
        requireSameShape(o);
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] - o.data[i];
        }
        return new Matrix(rows, cols, d, true);
    }

    /**
     * Multiplication by a scalar.
     *
     * @param k the factor
     * @return k * this
     */
    public Matrix times(double k) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] * k;
        }
        return new Matrix(rows, cols, d, true);
    }

    /**
     * Matrix product (i-k-j loop order for locality).
     *
     * @param o a matrix with as many rows as this has columns
     * @return this * o
     */
    public Matrix times(Matrix o) {
        if (cols != o.rows) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by " + o.shape());
        }
        double[] d = new double[rows * o.cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double a = data[i * cols + k];
                if (a == 0) {
                    continue;
                }
                int ob = k * o.cols;
                int db = i * o.cols;
                for (int j = 0; j < o.cols; j++) {
                    d[db + j] += a * o.data[ob + j];
                }
            }
        }
        return new Matrix(rows, o.cols, d, true);
    }

    /**
     * Matrix-vector product.
     *
     * @param v a vector with as many entries as this has columns
     * @return this * v
     */
    public Vector times(Vector v) {
        if (cols != v.size()) {
            throw new IllegalArgumentException("cannot multiply " + shape() + " by a vector of " + v.size());
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += data[i * cols + j] * v.get(j);
            }
            out[i] = s;
        }
        return new Vector(out);
    }

    /** @return the transpose */
    public Matrix transpose() {
        double[] d = new double[data.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[j * rows + i] = data[i * cols + j];
            }
        }
        return new Matrix(cols, rows, d, true);
    }

    /** @return the sum of the diagonal */
    public double trace() {
        requireSquare();
        double t = 0;
        for (int i = 0; i < rows; i++) {
            t += data[i * cols + i];
        }
        return t;
    }

    /** @return the Frobenius norm */
    public double frobeniusNorm() {
        double s = 0;
        for (double v : data) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** @return the largest absolute row sum */
    public double infinityNorm() {
        double best = 0;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += Math.abs(data[i * cols + j]);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    /**
     * The determinant, from an LU decomposition.
     *
     * @return det(this)
     */
    public double determinant() {
        requireSquare();
        return Lu.of(this).determinant();
    }

    /**
     * The inverse, from an LU decomposition.
     *
     * @return this^-1
     * @throws ArithmeticException if the matrix is singular
     */
    public Matrix inverse() {
        requireSquare();
        Lu lu = Lu.of(this);
        Matrix inv = zeros(rows, cols);
        double[] d = inv.data;
        for (int j = 0; j < cols; j++) {
            double[] e = new double[rows];
            e[j] = 1;
            Vector x = lu.solve(new Vector(e));
            for (int i = 0; i < rows; i++) {
                d[i * cols + j] = x.get(i);
            }
        }
        return inv;
    }

    /**
     * Solves this * x = b.
     *
     * @param b the right-hand side
     * @return x
     */
    public Vector solve(Vector b) {
        requireSquare();
        return Lu.of(this).solve(b);
    }

    /**
     * Raises a square matrix to a non-negative integer power by repeated squaring.
     *
     * @param n the exponent
     * @return this^n
     */
    public Matrix power(int n) {
        requireSquare();
        if (n < 0) {
            throw new IllegalArgumentException("negative power " + n);
        }
        Matrix result = identity(rows);
        Matrix base = this;
        int e = n;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result.times(base);
            }
            base = base.times(base);
            e >>= 1;
        }
        return result;
    }

    /**
     * Whether all elements differ by at most {@code tolerance}.
     *
     * @param o         another matrix
     * @param tolerance the largest allowed absolute difference
     * @return true if equal within the tolerance
     */
    public boolean approximatelyEquals(Matrix o, double tolerance) {
        if (rows != o.rows || cols != o.cols) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Math.abs(data[i] - o.data[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** @return a copy of row-major values */
    double[] values() {
        return data.clone();
    }

    /** @return "RxC" */
    public String shape() {
        return rows + "x" + cols;
    }

    private void requireSameShape(Matrix o) {
        if (rows != o.rows || cols != o.cols) {
            throw new IllegalArgumentException("shapes differ: " + shape() + " and " + o.shape());
        }
    }

    private void requireSquare() {
        if (!isSquare()) {
            throw new IllegalArgumentException("not square: " + shape());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? "[" : " ");
            for (int j = 0; j < cols; j++) {
                b.append(String.format(java.util.Locale.ROOT, "%10.4f", data[i * cols + j]));
            }
            b.append(i == rows - 1 ? "]" : "\n");
        }
        return b.toString();
    }
}
