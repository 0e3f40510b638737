package io.stream4flow.schema.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter expression into tokens. Words are runs of anything but white space and the operator
 * characters {@code ( ) ! & | < > =}, so addresses ({@code 2001:db8::/32}) and numbers with a scale
 * ({@code 1.5M}) are one word each; keywords are recognised by the parser, case-insensitively.
 */
final class FilterLexer {
    private FilterLexer() { }

    enum Kind { WORD, LPAREN, RPAREN, AND, OR, NOT, COMPARE, END }

    /**
     * One token.
     *
     * @param column 1-based column of its first character; for {@link Kind#END}, one past the last character
     */
    record Token(Kind kind, String text, int column) {
        /** How an error message names it. */
        String quoted() {
            return kind == Kind.END ? "the end" : "'" + text + "'";
        }
    }

    /** The tokens of {@code text}, ending with one {@link Kind#END}. */
    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), column));
                i++;
            } else if (c == '&' || c == '|') {
                if (i + 1 < n && text.charAt(i + 1) == c) {
                    out.add(new Token(c == '&' ? Kind.AND : Kind.OR, text.substring(i, i + 2), column));
                    i += 2;
                } else {
                    throw new FilterException(column, "unexpected '" + c + "' (did you mean '" + c + c + "'?)");
                }
            } else if (c == '!') {
                out.add(new Token(Kind.NOT, "!", column));
                i++;
            } else if (c == '<' || c == '>' || c == '=') {
                int end = i + 1 < n && text.charAt(i + 1) == '=' ? i + 2 : i + 1;
                out.add(new Token(Kind.COMPARE, text.substring(i, end), column));
                i = end;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(text.charAt(end)) && "()!&|<>=".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                out.add(new Token(Kind.WORD, text.substring(i, end), column));
                i = end;
            }
        }
        out.add(new Token(Kind.END, "", n + 1));
        return out;
    }
}
