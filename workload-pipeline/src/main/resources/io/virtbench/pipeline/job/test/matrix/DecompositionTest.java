package matrix;

import testkit.Check;

public class DecompositionTest {

    public void testLuReassembles() {
        Matrix a = Matrix.random(80, 80, 21);
        Lu lu = Lu.of(a);
        Check.isTrue(lu.permutation().times(a).approximatelyEquals(lu.lower().times(lu.upper()), 1e-10), "PA == LU");
        Check.isTrue(!lu.isSingular(), "random matrix is regular");
    }

    public void testLuDetectsSingularity() {
        Matrix s = Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6}, {1, 0, 1}});
        Check.isTrue(Lu.of(s).isSingular(), "rank 2");
        Check.near(0, s.determinant(), 0, "det of singular");
    }

    public void testQrReassemblesAndQIsOrthogonal() {
        Matrix a = Matrix.random(90, 60, 22);
        Qr qr = Qr.of(a);
        Check.isTrue(qr.q().times(qr.r()).approximatelyEquals(a, 1e-10), "QR == A");
        Check.isTrue(qr.q().transpose().times(qr.q()).approximatelyEquals(Matrix.identity(90), 1e-10), "Q^T Q == I");
        for (int i = 1; i < 60; i++) {
            Check.near(0, qr.r().get(i, i - 1), 0, "R is upper triangular");
        }
    }

    public void testCholesky() {
        Matrix b = Matrix.random(70, 70, 23);
        Matrix spd = b.times(b.transpose()).plus(Matrix.identity(70));
        Matrix l = Cholesky.of(spd).lower();
        Check.isTrue(l.times(l.transpose()).approximatelyEquals(spd, 1e-9), "L L^T == A");
        Check.throwsA(ArithmeticException.class, () -> Cholesky.of(Matrix.of(new double[][] {{1, 2}, {2, 1}})),
                "indefinite");
    }

    public void testVectorAlgebra() {
        Vector v = new Vector(3, 4);
        Check.near(5, v.norm(), 1e-15, "norm");
        Check.near(0, v.dot(new Vector(4, -3)), 0, "orthogonal");
        Check.equal(new Vector(6, 8), v.plus(v), "v + v");
        Check.equal(new Vector(0, 0), v.minus(v), "v - v");
        Check.equal(new Vector(1.5, 2), v.times(0.5), "v / 2");
        Check.throwsA(IllegalArgumentException.class, () -> v.dot(new Vector(1)), "size mismatch");
    }
}
