package matrix;

import testkit.Check;

public class MatrixTest {

    public void testIdentityIsNeutral() {
        Matrix a = Matrix.random(20, 20, 1);
        Check.isTrue(a.times(Matrix.identity(20)).approximatelyEquals(a, 0), "A*I == A");
        Check.isTrue(Matrix.identity(20).times(a).approximatelyEquals(a, 0), "I*A == A");
    }

    public void testAdditionAndSubtraction() {
        Matrix a = Matrix.random(30, 17, 2);
        Matrix b = Matrix.random(30, 17, 3);
        Check.isTrue(a.plus(b).minus(b).approximatelyEquals(a, 1e-12), "(A+B)-B == A");
        Check.isTrue(a.plus(b).approximatelyEquals(b.plus(a), 0), "A+B == B+A");
        Check.throwsA(IllegalArgumentException.class, () -> a.plus(Matrix.zeros(3, 3)), "shape mismatch");
    }

    public void testProductIsAssociative() {
        Matrix a = Matrix.random(60, 40, 4);
        Matrix b = Matrix.random(40, 50, 5);
        Matrix c = Matrix.random(50, 30, 6);
        Check.isTrue(a.times(b).times(c).approximatelyEquals(a.times(b.times(c)), 1e-9), "(AB)C == A(BC)");
    }

    public void testSmallProductByHand() {
        Matrix a = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        Matrix b = Matrix.of(new double[][] {{5, 6}, {7, 8}});
        Check.equal(Matrix.of(new double[][] {{19, 22}, {43, 50}}), a.times(b), "2x2 product");
    }

    public void testTransposeOfProduct() {
        Matrix a = Matrix.random(25, 35, 7);
        Matrix b = Matrix.random(35, 15, 8);
        Check.isTrue(a.times(b).transpose().approximatelyEquals(b.transpose().times(a.transpose()), 1e-12),
                "(AB)^T == B^T A^T");
    }

    public void testLargeProductAgainstRowColumnDots() {
        int n = 220;
        Matrix a = Matrix.random(n, n, 9);
        Matrix b = Matrix.random(n, n, 10);
        Matrix c = a.times(b);
        for (int i = 0; i < n; i += 37) {
            for (int j = 0; j < n; j += 41) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a.get(i, k) * b.get(k, j);
                }
                Check.near(s, c.get(i, j), 1e-9, "c[" + i + "][" + j + "]");
            }
        }
    }

    public void testTraceAndNorms() {
        Matrix a = Matrix.of(new double[][] {{1, -2}, {3, 4}});
        Check.near(5, a.trace(), 0, "trace");
        Check.near(Math.sqrt(30), a.frobeniusNorm(), 1e-12, "Frobenius");
        Check.near(7, a.infinityNorm(), 0, "infinity norm");
    }

    public void testDeterminant() {
        Matrix a = Matrix.of(new double[][] {{2, 0, 1}, {1, 3, 2}, {1, 1, 2}});
        Check.near(6, a.determinant(), 1e-12, "det 3x3");
        Matrix r = Matrix.random(40, 40, 11);
        Matrix s = Matrix.random(40, 40, 12);
        Check.near(r.determinant() * s.determinant(), r.times(s).determinant(),
                1e-6 * Math.abs(r.determinant() * s.determinant()), "det(RS) == det(R)det(S)");
    }

    public void testInverse() {
        int n = 120;
        Matrix a = Matrix.random(n, n, 13).plus(Matrix.identity(n).times(n));
        Check.isTrue(a.times(a.inverse()).approximatelyEquals(Matrix.identity(n), 1e-9), "A * A^-1 == I");
        Matrix singular = Matrix.of(new double[][] {{1, 2}, {2, 4}});
        Check.throwsA(ArithmeticException.class, singular::inverse, "singular inverse");
    }

    public void testPower() {
        Matrix f = Matrix.of(new double[][] {{1, 1}, {1, 0}});
        Check.near(6765, f.power(20).get(0, 1), 0, "Fibonacci 20");
        Check.equal(Matrix.identity(2), f.power(0), "A^0 == I");
        Matrix a = Matrix.random(30, 30, 14).times(0.1);
        Check.isTrue(a.power(7).approximatelyEquals(a.times(a.power(6)), 1e-12), "A^7 == A*A^6");
    }

    public void testSolve() {
        int n = 150;
        Matrix a = Matrix.random(n, n, 15).plus(Matrix.identity(n).times(3));
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i % 7 - 3;
        }
        Vector x = new Vector(xs);
        Vector b = a.times(x);
        Check.isTrue(a.solve(b).minus(x).norm() < 1e-9, "solve recovers x");
    }

    public void testBadShapesAreRefused() {
        Check.throwsA(IllegalArgumentException.class, () -> new Matrix(2, 2, 1, 2, 3), "value count");
        Check.throwsA(IllegalArgumentException.class, () -> Matrix.zeros(0, 3), "zero rows");
        Check.throwsA(IllegalArgumentException.class, () -> Matrix.random(2, 3, 1).determinant(), "det of 2x3");
        Check.throwsA(IndexOutOfBoundsException.class, () -> Matrix.zeros(2, 2).get(2, 0), "index");
    }
}
