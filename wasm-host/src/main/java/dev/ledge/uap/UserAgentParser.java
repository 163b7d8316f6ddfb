package dev.ledge.uap;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small user-agent parser for the clients most traffic comes from: the major browsers (desktop,
 * Android and iOS variants), curl, Wget, python-requests and the two big search crawlers. Families
 * are named as the ua-parser project names them; anything else is "Other" with no version. The
 * first rule that matches wins, so the rules go from the most specific token to the least
 * (Edge and Opera claim to be Chrome, Chrome claims to be Safari).
 */
public final class UserAgentParser {
    private static final String V = "(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?";
    private static final List<Rule> RULES = List.of(
            rule("Googlebot", "\\bGooglebot/" + V),
            rule("bingbot", "\\bbingbot/" + V),
            rule("curl", "\\bcurl/" + V),
            rule("Wget", "\\bWget/" + V),
            rule("Python Requests", "\\bpython-requests/" + V),
            rule("Edge Mobile", "\\bEdg(?:A|iOS)/" + V),
            rule("Edge", "\\bEdge?/" + V),
            rule("Opera", "\\bOPR/" + V),
            rule("Samsung Internet", "\\bSamsungBrowser/" + V),
            rule("Firefox iOS", "\\bFxiOS/" + V),
            rule("Firefox Mobile", "\\bAndroid\\b.*\\bMobile\\b.*\\bFirefox/" + V),
            rule("Firefox", "\\bFirefox/" + V),
            rule("Chrome Mobile iOS", "\\bCriOS/" + V),
            rule("Chrome Mobile WebView", "; wv\\).*\\bChrome/" + V),
            rule("Chromium", "\\bChromium/" + V),
            rule("Chrome Mobile", "\\bChrome/" + V + "(?=.*\\bMobile\\b)"),
            rule("Chrome", "\\bChrome/" + V),
            rule("Mobile Safari", "\\bVersion/" + V + "(?=.*\\bMobile/\\S+.*\\bSafari/)"),
            rule("Safari", "\\bVersion/" + V + "(?=.*\\bSafari/)"),
            rule("IE", "\\bMSIE " + V),
            rule("IE", "\\bTrident/\\d+\\.\\d+;.*\\brv:" + V));

    private record Rule(String family, Pattern pattern) {
    }

    private UserAgentParser() {
    }

    private static Rule rule(String family, String regex) {
        return new Rule(family, Pattern.compile(regex));
    }

    /** The family and version of {@code userAgent}; {@link UserAgent#OTHER} when no rule knows it. */
    public static UserAgent parse(String userAgent) {
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(userAgent);
            if (m.find()) {
                return new UserAgent(r.family(), part(m, 1), part(m, 2), part(m, 3));
            }
        }
        return UserAgent.OTHER;
    }

    private static String part(Matcher m, int group) {
        String g = m.group(group);
        return g == null ? "" : g;
    }
}
