// TOPCAT's authentication library (STIL's uk.ac.starlink.auth) against a
// platform, with its default scheme list (ivoa_x509, ivoa_cookie, Basic:
// ivoa_bearer is off unless asked for). Usage:
//   STIL_PASSWORD=... java -cp stil.jar:. StilAuthCheck <authcheck URL> <user> <URL to read>...
// Prints one line per step, as `key value`, for the test to read.
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Arrays;
import uk.ac.starlink.auth.AuthManager;
import uk.ac.starlink.auth.AuthScheme;
import uk.ac.starlink.auth.AuthStatus;
import uk.ac.starlink.auth.UserInterface;

public class StilAuthCheck {
    public static void main(String[] args) throws Exception {
        String password = System.getenv("STIL_PASSWORD");
        if (args.length < 2 || password == null) {
            System.err.println("usage: STIL_PASSWORD=... StilAuthCheck <authcheck URL> <user> <URL>...");
            System.exit(2);
        }
        AuthManager manager = AuthManager.getInstance();
        StringBuilder schemes = new StringBuilder();
        for (AuthScheme scheme : manager.getSchemes()) schemes.append(scheme.getName()).append(',');
        System.out.println("schemes " + schemes);
        manager.setUserInterface(UserInterface.createFixed(args[1], password));
        AuthStatus status = manager.authcheck(new URL(args[0]), false, false);
        System.out.println("authenticated " + status.isAuthenticated());
        System.out.println("identity " + status.getAuthenticatedId());
        for (String target : Arrays.copyOfRange(args, 2, args.length)) {
            URLConnection connection = manager.connect(new URL(target));
            int code = ((HttpURLConnection) connection).getResponseCode();
            String body = "";
            if (code == 200) {
                try (InputStream in = connection.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    body = out.toString("UTF-8").replaceAll("\\s+", " ");
                }
            }
            System.out.println("read " + code + " " + connection.getHeaderField("X-VO-Authenticated") + " " + body);
        }
    }
}
